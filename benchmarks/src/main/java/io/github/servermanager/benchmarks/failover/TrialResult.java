package io.github.servermanager.benchmarks.failover;

import java.time.Duration;

import io.github.servermanager.benchmarks.clientapp.Balancer;
import org.jspecify.annotations.Nullable;

/**
 * What one client saw in one run.
 *
 * @param fault the fault injected
 * @param retry the client's retry setting
 * @param balancer the client's balancer
 * @param requests requests sent
 * @param failed requests that ended in an error, after any retry
 * @param p50 median latency, failures included
 * @param p99 99th percentile latency, failures included
 * @param attemptsToBadBackend attempts (retries included) sent to the faulty backend
 * after the fault
 * @param lastAttemptToBadBackend how long after the fault the last of them was sent,
 * {@code null} when none was
 * @param stillAtEnd whether attempts still went to the faulty backend in the last second
 * of the run
 */
public record TrialResult(Fault fault, Retry retry, Balancer balancer, int requests, int failed, Duration p50,
		Duration p99, int attemptsToBadBackend, @Nullable Duration lastAttemptToBadBackend, boolean stillAtEnd) {

}
