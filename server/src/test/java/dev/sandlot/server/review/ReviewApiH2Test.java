package dev.sandlot.server.review;

import dev.sandlot.server.H2Server;

@H2Server
class ReviewApiH2Test extends ReviewApiTests {

}
