package dev.sandlot.server.project;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one account may store ({@code sandlot.storage.*}).
 *
 * @param maxBytesPerAccount the bytes of project files one account may hold in all its projects (attempts included);
 *                           a zip import counts what it unpacks against it while unpacking, before anything is written
 */
@ConfigurationProperties("sandlot.storage")
public record StorageProperties(@DefaultValue("67108864") long maxBytesPerAccount) {}
