package io.github.servermanager.service;

import java.time.Instant;

import io.github.servermanager.core.RebalanceOutcome;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The last rebalance of a service.
 *
 * @param when when it ended
 * @param outcome how it ended
 * @param chosen the instance that answered its ping and went in front, {@code null} when
 * none answered
 * @param pings how many pings it sent
 */
public record RebalanceRecord(Instant when, RebalanceOutcome outcome, @Nullable ServiceInstance chosen, int pings) {

}
