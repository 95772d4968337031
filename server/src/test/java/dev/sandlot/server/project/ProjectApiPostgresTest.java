package dev.sandlot.server.project;

import dev.sandlot.server.PostgresServer;

@PostgresServer
class ProjectApiPostgresTest extends ProjectApiTests {

}
