package rack.contain;

/**
 * One way a compromise survives a reboot or a kill, as found on the host.
 *
 * @param type cron | systemd | authorized_key | ld_preload
 * @param path the file that holds it
 * @param match the exact line to remove (cron, authorized_keys, ld.so.preload) or the unit name
 */
public record PersistenceItem(String type, String path, String match) {}
