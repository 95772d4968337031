package dev.sandlot.server.history;

import dev.sandlot.server.H2Server;

@H2Server
class HistoryApiH2Test extends HistoryApiTests {

}
