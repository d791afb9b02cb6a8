package io.github.servermanager.actuate;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.servermanager.service.ManagedService;
import io.github.servermanager.testsupport.Backend;
import io.github.servermanager.testsupport.Backends;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.offset;

/**
 * The meters of a running application's managed services, read from its own meter
 * registry after real requests to real backends. Scheduled rebalances are off so that the
 * tests count every rebalance; each test uses its own service.
 */
class ServerManagerMetricsIntegrationTests {

	private static final List<String> SERVICES = List.of("gauged", "refused", "unavailable", "sick", "well");

	private static final Map<String, Backends> backends = new LinkedHashMap<>();

	private static ObservedApplication app;

	private static MeterRegistry meters;

	@BeforeAll
	static void start() throws IOException {
		for (String serviceId : SERVICES) {
			backends.put(serviceId, Backends.start(3));
		}
		app = ObservedApplication.start(backends, "server-manager.scheduling.enabled=false");
		meters = app.bean(MeterRegistry.class);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		backends.values().forEach(Backends::close);
	}

	@Test
	void gaugesAppearWithTheFirstRequestAndShowTheService() {
		assertThat(meters.find(ServerManagerMetrics.SERVERS).tag("service", "gauged").gauge()).isNull();
		app.whoami("gauged");
		ManagedService service = app.service("gauged");
		assertThat(gauge(ServerManagerMetrics.SERVERS, "gauged")).isEqualTo(3);
		assertThat(gauge(ServerManagerMetrics.OFFLINE, "gauged")).isZero();
		assertThat(gauge(ServerManagerMetrics.REBALANCE_INTERVAL, "gauged"))
			.isEqualTo(service.rebalanceInterval().toMillis() / 1000.0, offset(0.001))
			.isPositive();
		assertThat(meters.get(ServerManagerMetrics.REBALANCE_INTERVAL)
			.tag("service", "gauged")
			.gauge()
			.getId()
			.getBaseUnit()).isEqualTo("seconds");
	}

	@Test
	void refusedConnectionCountsAnExceptionFailover() {
		Backend front = backends.get("refused").named(app.whoami("refused"));
		front.stop();
		app.whoami("refused");
		assertThat(failovers("refused", "exception")).isOne();
		assertThat(failovers("refused", "status")).isZero();
	}

	@Test
	void failureStatusCountsAStatusFailover() {
		Backend front = backends.get("unavailable").named(app.whoami("unavailable"));
		front.answerWith(503);
		assertThatException().isThrownBy(() -> app.whoami("unavailable"));
		assertThat(app.whoami("unavailable")).isNotEqualTo(front.name());
		assertThat(failovers("unavailable", "status")).isOne();
		assertThat(failovers("unavailable", "exception")).isZero();
	}

	@Test
	void rebalanceWithoutHealthyServersCountsOfflineAndTimesEachUnhealthyPing() {
		app.whoami("sick");
		backends.get("sick").all().forEach((backend) -> backend.healthy(false));
		app.service("sick").rebalanceNow();
		assertThat(rebalances("sick", "offline")).isOne();
		assertThat(rebalances("sick", "healthy")).isZero();
		Timer unhealthy = pings("sick", "unhealthy");
		assertThat(unhealthy.count()).isEqualTo(3);
		assertThat(unhealthy.totalTime(TimeUnit.NANOSECONDS)).isPositive();
		assertThat(pings("sick", "healthy").count()).isZero();
		assertThat(gauge(ServerManagerMetrics.OFFLINE, "sick")).isOne();
	}

	@Test
	void rebalanceToAHealthyServerCountsHealthyAfterOnePing() {
		app.whoami("well");
		app.service("well").rebalanceNow();
		assertThat(rebalances("well", "healthy")).isOne();
		assertThat(pings("well", "healthy").count()).isOne();
		assertThat(pings("well", "unhealthy").count()).isZero();
		assertThat(gauge(ServerManagerMetrics.OFFLINE, "well")).isZero();
	}

	private static double gauge(String name, String serviceId) {
		return meters.get(name).tag("service", serviceId).gauge().value();
	}

	private static double failovers(String serviceId, String reason) {
		return meters.get(ServerManagerMetrics.FAILOVERS)
			.tags("service", serviceId, "reason", reason)
			.counter()
			.count();
	}

	private static double rebalances(String serviceId, String outcome) {
		return meters.get(ServerManagerMetrics.REBALANCES)
			.tags("service", serviceId, "outcome", outcome)
			.counter()
			.count();
	}

	private static Timer pings(String serviceId, String outcome) {
		return meters.get(ServerManagerMetrics.PINGS).tags("service", serviceId, "outcome", outcome).timer();
	}

}
