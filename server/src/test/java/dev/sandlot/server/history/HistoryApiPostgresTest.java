package dev.sandlot.server.history;

import dev.sandlot.server.PostgresServer;

@PostgresServer
class HistoryApiPostgresTest extends HistoryApiTests {

}
