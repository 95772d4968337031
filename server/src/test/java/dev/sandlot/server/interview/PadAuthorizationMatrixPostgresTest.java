package dev.sandlot.server.interview;

import dev.sandlot.server.PostgresServer;

@PostgresServer
class PadAuthorizationMatrixPostgresTest extends PadAuthorizationMatrixTests {

}
