package io.github.springsignalr.emulator.keyvault;

import java.time.Instant;

/**
 * A secret in the vault's soft-deleted state: its name stays taken until it is purged.
 *
 * @param secret the latest version when the secret was deleted
 * @param deletedOn when it was deleted
 * @param scheduledPurgeOn when a real vault would purge it (the emulator never does on its own)
 */
public record DeletedSecret(SecretVersion secret, Instant deletedOn, Instant scheduledPurgeOn) {

}
