package io.github.servermanager.benchmarks.fleet;

/**
 * The backends' counts at one point of a run.
 *
 * @param second seconds since the window opened
 * @param open connections the backends held open
 * @param accepted connections the backends accepted since the window opened
 */
public record FleetSample(double second, int open, int accepted) {

}
