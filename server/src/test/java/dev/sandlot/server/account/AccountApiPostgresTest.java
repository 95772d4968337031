package dev.sandlot.server.account;

import dev.sandlot.server.PostgresServer;

@PostgresServer
class AccountApiPostgresTest extends AccountApiTests {

}
