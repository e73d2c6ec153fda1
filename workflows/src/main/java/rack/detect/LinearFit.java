package rack.detect;

import java.util.List;

/**
 * Least-squares line through (x, y) points, with the coefficient of determination: the share of
 * y's variance the line explains. A trend is only believed when the line explains most of it, so
 * noise around a flat level is not extrapolated into a date.
 */
record LinearFit(double slope, double intercept, double r2, int points) {

  static LinearFit of(List<double[]> xy) {
    int n = xy.size();
    if (n < 2) return new LinearFit(0, n == 1 ? xy.get(0)[1] : 0, 0, n);
    double sx = 0, sy = 0;
    for (double[] p : xy) {
      sx += p[0];
      sy += p[1];
    }
    double mx = sx / n, my = sy / n;
    double sxx = 0, sxy = 0, syy = 0;
    for (double[] p : xy) {
      double dx = p[0] - mx, dy = p[1] - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    if (sxx == 0) return new LinearFit(0, my, 0, n);
    double slope = sxy / sxx;
    // A perfectly flat series is explained perfectly by a flat line, but has no trend to speak of.
    double r2 = syy == 0 ? 0 : (sxy * sxy) / (sxx * syy);
    return new LinearFit(slope, my - slope * mx, r2, n);
  }

  double at(double x) {
    return intercept + slope * x;
  }
}
