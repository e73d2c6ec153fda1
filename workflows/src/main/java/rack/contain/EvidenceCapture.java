package rack.contain;

import java.util.List;
import java.util.Map;

/**
 * Evidence captured before anything is changed (NIST SP 800-61 order, DESIGN C8).
 *
 * @param outputs what was read -> its bounded output (ps lines, parent chain, ss, /proc/PID/*)
 * @param sha256ByPath digest of each executable, read through /proc/PID/exe so deleted binaries count
 * @param evidenceDir where a copy was kept on the host, or null
 */
public record EvidenceCapture(
    String host, Map<String, String> outputs, Map<String, String> sha256ByPath, String evidenceDir, List<String> notes) {}
