package dev.sandlot.server.interview;

import dev.sandlot.server.H2Server;

@H2Server
class PadAuthorizationMatrixH2Test extends PadAuthorizationMatrixTests {

}
