package dev.sandlot.server;

@PostgresServer
class AuthorizationMatrixPostgresTest extends AuthorizationMatrixTests {

}
