package dev.sandlot.server.review;

import dev.sandlot.server.PostgresServer;

@PostgresServer
class ReviewApiPostgresTest extends ReviewApiTests {

}
