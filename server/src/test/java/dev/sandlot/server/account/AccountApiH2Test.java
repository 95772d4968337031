package dev.sandlot.server.account;

import dev.sandlot.server.H2Server;

@H2Server
class AccountApiH2Test extends AccountApiTests {

}
