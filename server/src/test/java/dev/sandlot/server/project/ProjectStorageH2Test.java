package dev.sandlot.server.project;

import dev.sandlot.server.H2Server;

@H2Server
class ProjectStorageH2Test extends ProjectStorageTests {

}
