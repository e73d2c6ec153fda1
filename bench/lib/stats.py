"""Medians, spreads and the printed table. Nothing here judges a number: the bench prints."""
import statistics


class Samples:
    """Repeated measurements of one quantity (seconds, core-seconds, MB...)."""

    def __init__(self, values):
        self.values = sorted(values)

    def __bool__(self):
        return bool(self.values)

    @property
    def median(self):
        return statistics.median(self.values)

    def quartiles(self):
        """p25 and p75 (inclusive method; with fewer than 4 samples that is close to min/max)."""
        if len(self.values) < 2:
            return self.values[0], self.values[0]
        q = statistics.quantiles(self.values, n=4, method="inclusive")
        return q[0], q[2]



def seconds(value):
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def core_seconds(value):
    return f"{value:.4f} core-s" if value < 0.1 else f"{value:.2f} core-s"


class Table:
    """Rows of one section: what was measured, its median and spread, and a ratio to a reference."""

    def __init__(self, title):
        self.title = title
        self.rows = []
        self.notes = []

    def row(self, name, samples, fmt=seconds, reference=None, ratio_label="×"):
        """reference: the Samples the ratio is taken against (median / median)."""
        if not samples:
            self.rows.append((name, "n/a", "", "", "0", ""))
            return
        ratio = ""
        if reference:
            ratio = f"{samples.median / reference.median:.1f}{ratio_label}"
        lo, hi = samples.quartiles()
        self.rows.append((name, fmt(samples.median), f"{fmt(lo)} – {fmt(hi)}",
                          f"{fmt(samples.values[0])} – {fmt(samples.values[-1])}", str(len(samples.values)), ratio))

    def note(self, text):
        self.notes.append(text)

    def render(self):
        header = ("what", "median", "p25 – p75", "min – max", "n", "ratio")
        widths = [max(len(r[i]) for r in [header] + self.rows) for i in range(len(header))]
        line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
        out = [f"\n## {self.title}", line(header), line(tuple("-" * w for w in widths))]
        out += [line(r) for r in self.rows]
        out += [f"  * {n}" for n in self.notes]
        return "\n".join(out)
