package dev.llmsession.model;

import java.util.List;

/**
 * A piecewise-linear map from a measured value to a 0–100 score. Below the first point the first
 * score holds, above the last point the last score holds.
 *
 * @param points at least one point, x strictly increasing, scores within 0–100
 * @since 0.1
 */
public record Curve(List<Point> points) {
    public Curve {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a curve needs at least one point");
        }
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!Double.isFinite(p.x()) || !(p.score() >= 0 && p.score() <= 100)) {
                throw new IllegalArgumentException("curve point " + p + " must be finite with a score within 0-100");
            }
            if (i > 0 && !(p.x() > points.get(i - 1).x())) {
                throw new IllegalArgumentException("curve points must have strictly increasing x, at " + p);
            }
        }
    }

    public static Curve of(double... xyPairs) {
        if (xyPairs.length % 2 != 0) {
            throw new IllegalArgumentException("curve points come in (x, score) pairs");
        }
        java.util.List<Point> pts = new java.util.ArrayList<>();
        for (int i = 0; i < xyPairs.length; i += 2) {
            pts.add(new Point(xyPairs[i], xyPairs[i + 1]));
        }
        return new Curve(pts);
    }

    /** The score at {@code x}. */
    public double score(double x) {
        Point first = points.get(0);
        if (x <= first.x()) {
            return first.score();
        }
        for (int i = 1; i < points.size(); i++) {
            Point b = points.get(i);
            if (x <= b.x()) {
                Point a = points.get(i - 1);
                return a.score() + (b.score() - a.score()) * (x - a.x()) / (b.x() - a.x());
            }
        }
        return points.get(points.size() - 1).score();
    }

    /** One point of a curve. */
    public record Point(double x, double score) {
    }
}
