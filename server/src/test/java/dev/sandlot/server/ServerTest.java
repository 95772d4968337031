package dev.sandlot.server;

/**
 * The real server with the real engine and sandbox and an H2 database; test classes
 * extending this share one application context. Rate limiting is off here (every test
 * comes from 127.0.0.1); it has a test of its own.
 */
@H2Server
public abstract class ServerTest extends ApiClient {

}
