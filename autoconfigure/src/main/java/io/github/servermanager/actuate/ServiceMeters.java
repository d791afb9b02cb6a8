package io.github.servermanager.actuate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.servermanager.core.RebalanceOutcome;
import io.github.servermanager.service.FailureReason;
import io.github.servermanager.service.ManagedService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one service in one meter registry. Every meter is registered up front,
 * counters at zero, so that a rate query has a starting point before the first event, and
 * all of them are removed together when the service goes away.
 */
final class ServiceMeters {

	private final ManagedService service;

	private final List<Meter> meters = new ArrayList<>();

	private final Map<RebalanceOutcome, Counter> rebalances = new EnumMap<>(RebalanceOutcome.class);

	private final Map<FailureReason, Counter> failovers = new EnumMap<>(FailureReason.class);

	private final Counter unmatchedFailures;

	private final Timer healthyPings;

	private final Timer unhealthyPings;

	private ServiceMeters(ManagedService service, MeterRegistry registry) {
		this.service = service;
		Tags tags = Tags.of(ServerManagerMetrics.SERVICE_TAG, service.serviceId(), ServerManagerMetrics.SERVICE_ID_TAG,
				service.serviceId());
		this.meters.add(Gauge.builder(ServerManagerMetrics.SERVERS, service, (s) -> s.manager().numServers())
			.tags(tags)
			.description("Servers known to the service's server manager, healthy or not")
			.register(registry));
		this.meters
			.add(Gauge.builder(ServerManagerMetrics.APERTURE_SERVERS, service, (s) -> s.manager().aperture().size())
				.tags(tags)
				.description("Servers that share the service's requests: 1 for a single front, more for an aperture")
				.register(registry));
		this.meters.add(Gauge.builder(ServerManagerMetrics.OFFLINE, service, (s) -> s.manager().isOffline() ? 1 : 0)
			.tags(tags)
			.description("1 when no server of the service is known to answer, else 0")
			.register(registry));
		this.meters.add(Gauge
			.builder(ServerManagerMetrics.REBALANCE_INTERVAL, service,
					(s) -> s.rebalanceInterval().toNanos() / (double) TimeUnit.SECONDS.toNanos(1))
			.tags(tags)
			.baseUnit("seconds")
			.description("Interval the service's next rebalance deadline was computed from")
			.register(registry));
		if (ZoneDescriptor.of(service) != null) {
			this.meters.add(Gauge
				.builder(ServerManagerMetrics.IN_LOCAL_ZONE, service, (s) -> ZoneDescriptor.inLocalZone(s) ? 1 : 0)
				.tags(tags)
				.description("1 when the front server is in this client's zone, 0 when failed over to another")
				.register(registry));
		}
		for (RebalanceOutcome outcome : RebalanceOutcome.values()) {
			Counter counter = Counter.builder(ServerManagerMetrics.REBALANCES)
				.tags(tags)
				.tag(ServerManagerMetrics.OUTCOME_TAG, tagValue(outcome))
				.description("Rebalances of the service, by outcome")
				.register(registry);
			this.rebalances.put(outcome, counter);
			this.meters.add(counter);
		}
		for (FailureReason reason : FailureReason.values()) {
			Counter counter = Counter.builder(ServerManagerMetrics.FAILOVERS)
				.tags(tags)
				.tag(ServerManagerMetrics.REASON_TAG, tagValue(reason))
				.description("Failed requests that moved the service's front server away, by reason")
				.register(registry);
			this.failovers.put(reason, counter);
			this.meters.add(counter);
		}
		this.unmatchedFailures = Counter.builder(ServerManagerMetrics.UNMATCHED_FAILURES)
			.tags(tags)
			.description("Failed requests reported for an instance that is none of the service's servers")
			.register(registry);
		this.meters.add(this.unmatchedFailures);
		this.healthyPings = pingTimer(registry, tags, "healthy");
		this.unhealthyPings = pingTimer(registry, tags, "unhealthy");
	}

	/**
	 * Registers the meters of a service.
	 * @param service the service
	 * @param registry where to register them
	 * @return the meters
	 */
	static ServiceMeters register(ManagedService service, MeterRegistry registry) {
		return new ServiceMeters(service, registry);
	}

	ManagedService service() {
		return this.service;
	}

	void rebalanced(RebalanceOutcome outcome) {
		this.rebalances.get(outcome).increment();
	}

	void failedOver(FailureReason reason) {
		this.failovers.get(reason).increment();
	}

	void unmatchedFailure() {
		this.unmatchedFailures.increment();
	}

	void pinged(boolean healthy, long nanos) {
		(healthy ? this.healthyPings : this.unhealthyPings).record(nanos, TimeUnit.NANOSECONDS);
	}

	void removeFrom(MeterRegistry registry) {
		this.meters.forEach(registry::remove);
	}

	private Timer pingTimer(MeterRegistry registry, Tags tags, String outcome) {
		Timer timer = Timer.builder(ServerManagerMetrics.PINGS)
			.tags(tags)
			.tag(ServerManagerMetrics.OUTCOME_TAG, outcome)
			.description("Pings sent by the service's rebalances, by outcome")
			.register(registry);
		this.meters.add(timer);
		return timer;
	}

	private static String tagValue(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
