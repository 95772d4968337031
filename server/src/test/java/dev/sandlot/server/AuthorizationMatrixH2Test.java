package dev.sandlot.server;

@H2Server
class AuthorizationMatrixH2Test extends AuthorizationMatrixTests {

}
