package io.github.servermanager.actuate;

import java.util.List;

import io.github.servermanager.core.ClientRank;
import io.github.servermanager.core.RebalanceOutcome;
import io.github.servermanager.core.RebalanceResult;
import io.github.servermanager.service.FailureReason;
import io.github.servermanager.service.ServerManagerRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link ServerManagerMetrics} follows services that start and stop after binding, in
 * a {@link SimpleMeterRegistry}.
 */
class ServerManagerMetricsTests {

	private static final ServiceInstance ONE = new DefaultServiceInstance("one", "svc", "127.0.0.1", 9001, false);

	private static final ServiceInstance TWO = new DefaultServiceInstance("two", "svc", "127.0.0.1", 9002, false);

	private static final ServiceInstance THREE = new DefaultServiceInstance("three", "svc", "127.0.0.1", 9003, false);

	private static final ServiceInstance FOUR = new DefaultServiceInstance("four", "svc", "127.0.0.1", 9004, false);

	private static final ServiceInstance FIVE = new DefaultServiceInstance("five", "svc", "127.0.0.1", 9005, false);

	private final ServerManagerRegistry registry = new ServerManagerRegistry();

	private final ServerManagerMetrics metrics = new ServerManagerMetrics(this.registry);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void serviceStartedAfterBindingGetsEveryMeterAtZero() {
		this.metrics.bindTo(this.meters);
		try (RunningService ignored = start("svc", ONE, TWO)) {
			assertThat(metersOf("svc")).extracting((meter) -> meter.getId().getName())
				.containsOnly(ServerManagerMetrics.SERVERS, ServerManagerMetrics.APERTURE_SERVERS,
						ServerManagerMetrics.OFFLINE, ServerManagerMetrics.REBALANCE_INTERVAL,
						ServerManagerMetrics.REBALANCES, ServerManagerMetrics.FAILOVERS,
						ServerManagerMetrics.UNMATCHED_FAILURES, ServerManagerMetrics.PINGS)
				.hasSize(13);
			assertThat(this.meters.get(ServerManagerMetrics.SERVERS).tag("service", "svc").gauge().value())
				.isEqualTo(2);
			assertThat(this.meters.get(ServerManagerMetrics.REBALANCES).counters())
				.allSatisfy((counter) -> assertThat(counter.count()).isZero());
		}
	}

	@Test
	void everyMeterCarriesTheServiceIdAsSpringCloudLoadBalancerTagsIt() {
		this.metrics.bindTo(this.meters);
		try (RunningService ignored = start("svc", ONE, TWO)) {
			assertThat(metersOf("svc")).hasSize(13)
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("serviceId")).isEqualTo("svc"));
			assertThat(this.meters.get(ServerManagerMetrics.SERVERS).tag("serviceId", "svc").gauge().value())
				.isEqualTo(2);
		}
	}

	@Test
	void apertureGaugeCountsTheServersThatShareTheRequests() {
		this.metrics.bindTo(this.meters);
		try (RunningService random = start("random", ONE, TWO);
				RunningService spread = RunningService.startWith(this.registry, "spread", List.of(this.metrics),
						RunningService.aperture(new ClientRank(1, 3)), ONE, TWO, THREE, FOUR, FIVE)) {
			assertThat(gauge(ServerManagerMetrics.APERTURE_SERVERS, "random")).isOne();
			// 3 clients over 5 servers: rank 1 overlaps three of them.
			assertThat(gauge(ServerManagerMetrics.APERTURE_SERVERS, "spread")).isEqualTo(3);
			spread.service().manager().rotateFailedServer(spread.service().manager().aperture().servers().get(2));
			assertThat(gauge(ServerManagerMetrics.APERTURE_SERVERS, "spread")).isEqualTo(2);
			// Every server answers the rebalance's pings: the slice is whole again.
			spread.service().rebalanceNow();
			assertThat(gauge(ServerManagerMetrics.APERTURE_SERVERS, "spread")).isEqualTo(3);
		}
	}

	@Test
	void apertureGaugeOfAServiceWithoutServersIsZero() {
		this.metrics.bindTo(this.meters);
		try (RunningService ignored = start("svc")) {
			assertThat(gauge(ServerManagerMetrics.APERTURE_SERVERS, "svc")).isZero();
		}
	}

	@Test
	void serviceStartedBeforeBindingIsBoundToo() {
		try (RunningService ignored = start("svc", ONE)) {
			this.metrics.bindTo(this.meters);
			assertThat(this.meters.get(ServerManagerMetrics.SERVERS).tag("service", "svc").gauge().value()).isOne();
		}
	}

	@Test
	void stoppedServiceLeavesNoMeterBehind() {
		this.metrics.bindTo(this.meters);
		try (RunningService ignored = start("svc", ONE, TWO)) {
			assertThat(metersOf("svc")).isNotEmpty();
		}
		assertThat(metersOf("svc")).isEmpty();
	}

	@Test
	void eventsOfAStoppedServiceRegisterNothing() {
		this.metrics.bindTo(this.meters);
		start("svc", ONE, TWO).close();
		this.metrics.rebalanced("svc", new RebalanceResult<>(RebalanceOutcome.HEALTHY, ONE, 1));
		this.metrics.failedOver("svc", ONE, FailureReason.EXCEPTION);
		this.metrics.pinged("svc", ONE, true, 1000);
		assertThat(this.meters.getMeters()).isEmpty();
	}

	@Test
	void managerReplacingAnotherOfTheSameServiceTakesItsMetersOver() {
		this.metrics.bindTo(this.meters);
		RunningService first = start("svc", ONE);
		try (RunningService second = start("svc", ONE, TWO)) {
			first.close();
			assertThat(this.meters.get(ServerManagerMetrics.SERVERS).tag("service", "svc").gauge().value())
				.isEqualTo(2);
			assertThat(metersOf("svc")).hasSize(13);
		}
		assertThat(metersOf("svc")).isEmpty();
	}

	@Test
	void failureReportThatMatchedNoServerIsCounted() {
		this.metrics.bindTo(this.meters);
		try (RunningService ignored = start("svc", ONE, TWO)) {
			this.metrics.unmatchedFailure("svc", ONE, FailureReason.STATUS);
			assertThat(this.meters.get(ServerManagerMetrics.UNMATCHED_FAILURES).tag("service", "svc").counter().count())
				.isOne();
		}
	}

	@Test
	void eventsAreCountedInEveryBoundRegistry() {
		SimpleMeterRegistry other = new SimpleMeterRegistry();
		this.metrics.bindTo(this.meters);
		this.metrics.bindTo(other);
		try (RunningService running = start("svc", ONE, TWO)) {
			running.service().rebalanceNow();
			for (SimpleMeterRegistry registry : List.of(this.meters, other)) {
				assertThat(registry.get(ServerManagerMetrics.REBALANCES).tag("outcome", "healthy").counter().count())
					.isOne();
			}
		}
	}

	private double gauge(String name, String serviceId) {
		return this.meters.get(name).tag("service", serviceId).gauge().value();
	}

	private RunningService start(String serviceId, ServiceInstance... instances) {
		return RunningService.start(this.registry, serviceId, List.of(this.metrics), instances);
	}

	private List<Meter> metersOf(String serviceId) {
		return this.meters.getMeters()
			.stream()
			.filter((meter) -> serviceId.equals(meter.getId().getTag("service")))
			.toList();
	}

}
