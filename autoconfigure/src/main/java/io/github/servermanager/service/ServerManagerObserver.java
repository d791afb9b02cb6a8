package io.github.servermanager.service;

import io.github.servermanager.core.RebalanceResult;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Hears what the server managers of all services do, for metrics and diagnostics:
 * services joining and leaving the {@link ServerManagerRegistry}, and what each service's
 * manager does while it is there. Every bean of this type is called. Callbacks run on the
 * thread that caused the event (a load-balancer context starting or closing, a request
 * thread or a rebalance thread) and must return quickly; an exception they throw is
 * logged and ignored.
 */
public interface ServerManagerObserver {

	/**
	 * A service's supplier started and its manager is now managed, for example to
	 * register its meters.
	 * @param service the service
	 */
	default void added(ManagedService service) {
	}

	/**
	 * A service's load-balancer context closed and its manager is no longer managed, for
	 * example to remove its meters so that none leaks.
	 * @param service the service
	 */
	default void removed(ManagedService service) {
	}

	/**
	 * A rebalance of {@code serviceId} ended.
	 * @param serviceId the service
	 * @param result what the rebalance did
	 */
	default void rebalanced(String serviceId, RebalanceResult<ServiceInstance> result) {
	}

	/**
	 * A failed request moved {@code failed} away from the front of the list.
	 * @param serviceId the service
	 * @param failed the instance that failed
	 * @param reason why the request counted as failed
	 */
	default void failedOver(String serviceId, ServiceInstance failed, FailureReason reason) {
	}

	/**
	 * A failed request was reported for an instance that is none of the service's
	 * servers, so nothing moved: discovery removed it while the request ran, or the
	 * client reports instances the server manager cannot tell apart.
	 * @param serviceId the service
	 * @param reported the instance the client reported
	 * @param reason why the request counted as failed
	 */
	default void unmatchedFailure(String serviceId, ServiceInstance reported, FailureReason reason) {
	}

	/**
	 * A rebalance pinged an instance.
	 * @param serviceId the service
	 * @param instance the instance pinged
	 * @param healthy whether it answered as healthy
	 * @param nanos how long the ping took
	 */
	default void pinged(String serviceId, ServiceInstance instance, boolean healthy, long nanos) {
	}

	/**
	 * The server in front of {@code serviceId} changed: a failure rotated it away, a
	 * rebalance picked another one, or membership removed it.
	 * @param serviceId the service
	 * @param previous the server that was in front, if any
	 * @param current the server now in front, if any
	 */
	default void frontChanged(String serviceId, @Nullable ServiceInstance previous, @Nullable ServiceInstance current) {
	}

}
