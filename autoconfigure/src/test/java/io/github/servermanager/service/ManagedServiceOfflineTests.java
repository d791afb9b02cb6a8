package io.github.servermanager.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.servermanager.core.Pinger;
import io.github.servermanager.core.RebalanceOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An offline service is checked again soon, and says so once in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ManagedServiceOfflineTests {

	private final FakeClock clock = new FakeClock();

	private final AtomicBoolean up = new AtomicBoolean();

	private final ManagedService service = TestServices.service(new SwitchablePinger(this.up), this.clock);

	@Test
	void offlineServiceIsCheckedAgainWithinSecondsNotMinutes() {
		this.service.manager().syncServers(TestServices.instances(3));
		assertThat(this.service.rebalanceNow().outcome()).isEqualTo(RebalanceOutcome.OFFLINE);
		// 5 s plus a stagger of up to 2.5 s.
		assertThat(this.service.rebalanceInterval()).isBetween(Duration.ofSeconds(5), Duration.ofMillis(7500));
		this.clock.advance(Duration.ofMillis(7500));
		assertThat(this.service.isDue()).isTrue();
		this.up.set(true);
		assertThat(this.service.rebalanceNow().outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(this.service.rebalanceInterval()).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void goingOfflineWarnsOnceNamingThePingsThePingerAndTheKeysThatFixIt(CapturedOutput output) {
		this.service.manager().syncServers(TestServices.instances(3));
		this.service.rebalanceNow();
		this.service.rebalanceNow();
		this.service.rebalanceNow();
		String warning = "Service '" + TestServices.SERVICE + "' is offline: none of its 3 instance(s) answered";
		assertThat(output.getOut()).containsOnlyOnce(warning)
			.contains("SwitchablePinger[up=false]")
			.contains("configure this service's ping or health path")
			.doesNotContain("server-manager.");
	}

	@Test
	void comingBackLogsOnceAndAFreshOutageWarnsAgain(CapturedOutput output) {
		this.service.manager().syncServers(TestServices.instances(2));
		this.service.rebalanceNow();
		this.up.set(true);
		this.service.rebalanceNow();
		this.service.rebalanceNow();
		assertThat(output.getOut()).containsOnlyOnce("Service '" + TestServices.SERVICE + "' is back online");
		this.up.set(false);
		this.service.rebalanceNow();
		assertThat(output.getOut().split("is offline: none of its", -1)).hasSize(3);
	}

	@Test
	void aServiceThatWasNeverOfflineSaysNothing(CapturedOutput output) {
		this.up.set(true);
		this.service.manager().syncServers(TestServices.instances(2));
		this.service.rebalanceNow();
		assertThat(output.getOut()).doesNotContain("is back online").doesNotContain("is offline");
	}

	@Test
	void aPingerWithoutItsOwnToStringIsNamedByItsClass() {
		assertThat(OfflineNotice.describe(new PlainPinger())).isEqualTo("PlainPinger");
		assertThat(OfflineNotice.describe(new SwitchablePinger(this.up))).isEqualTo("SwitchablePinger[up=false]");
	}

	private record SwitchablePinger(AtomicBoolean up) implements Pinger<ServiceInstance> {

		@Override
		public boolean ping(ServiceInstance server) {
			return this.up.get();
		}

		@Override
		public String toString() {
			return "SwitchablePinger[up=" + this.up.get() + "]";
		}

	}

	private static final class PlainPinger implements Pinger<ServiceInstance> {

		@Override
		public boolean ping(ServiceInstance server) {
			return true;
		}

	}

}
