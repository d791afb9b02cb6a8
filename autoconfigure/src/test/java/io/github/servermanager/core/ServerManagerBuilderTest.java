package io.github.servermanager.core;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ServerManagerBuilderTest {

	private final ServerManager.Builder<TestServer> builder = TestServer.builder();

	@Test
	void builderRejectsANullKeyFunction() {
		assertThatNullPointerException().isThrownBy(() -> ServerManager.builder(null)).withMessageContaining("key");
	}

	@Test
	void builderRejectsAZeroMinReuse() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.minReuse(Duration.ZERO))
			.withMessageContaining("minReuse")
			.withMessageContaining("positive");
	}

	@Test
	void builderRejectsANegativeMinReuse() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.minReuse(Duration.ofSeconds(-1)))
			.withMessageContaining("minReuse");
	}

	@Test
	void builderRejectsANullMinReuse() {
		assertThatNullPointerException().isThrownBy(() -> this.builder.minReuse(null))
			.withMessageContaining("minReuse");
	}

	@Test
	void builderRejectsAJitterFractionBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.jitterFraction(0))
			.withMessageContaining("jitterFraction")
			.withMessageContaining("at least 1");
	}

	@Test
	void builderRejectsAConnectionRateBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.connsPerSecPerServer(0))
			.withMessageContaining("connsPerSecPerServer")
			.withMessageContaining("at least 1");
	}

	@Test
	void builderRejectsANullPinger() {
		assertThatNullPointerException().isThrownBy(() -> this.builder.pinger(null)).withMessageContaining("pinger");
	}

	@Test
	void builderRejectsANullRandom() {
		assertThatNullPointerException().isThrownBy(() -> this.builder.random(null)).withMessageContaining("random");
	}

	@Test
	void builderRejectsANullClusterSize() {
		assertThatNullPointerException().isThrownBy(() -> this.builder.clusterSize(null))
			.withMessageContaining("clusterSize");
	}

	@Test
	void builderRejectsANullListener() {
		assertThatNullPointerException().isThrownBy(() -> this.builder.listener(null))
			.withMessageContaining("listener");
	}

	@Test
	void aRejectedValueLeavesTheBuilderAsItWas() {
		ScriptedRandom random = ScriptedRandom.returning(0);
		this.builder.minReuse(Duration.ofSeconds(30)).random(random);
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.minReuse(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.jitterFraction(-1));
		ServerManager<TestServer> manager = this.builder.build();
		assertThat(manager.minReuse()).isEqualTo(Duration.ofSeconds(30));
		manager.nextRebalanceDelay();
		// The jitter fraction is still 2: the stagger is drawn below 15 s.
		assertThat(random.bounds()).containsExactly(15_000_000_000L);
	}

	@Test
	void defaultsAreConsuls() {
		ServerManager<TestServer> manager = TestServer.builder().build();
		assertThat(manager.minReuse()).isEqualTo(ServerManager.DEFAULT_MIN_REUSE).isEqualTo(Duration.ofSeconds(120));
		assertThat(ServerManager.DEFAULT_JITTER_FRACTION).isEqualTo(2);
		assertThat(ServerManager.DEFAULT_CONNS_PER_SEC_PER_SERVER).isEqualTo(64);
		assertThat(manager.clusterSize()).isEqualTo(1);
	}

	@Test
	void defaultPingerTreatsEveryServerAsHealthy() {
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder(),
				TestServer.named("a", "b", "c"));
		RebalanceResult<TestServer> result = manager.rebalance();
		assertThat(result.outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(result.pings()).isEqualTo(1);
	}

	@Test
	void defaultRandomStaggersWithinTheDefaultWindow() {
		ServerManager<TestServer> manager = TestServer.builder().build();
		for (int i = 0; i < 100; i++) {
			assertThat(manager.nextRebalanceDelay()).isGreaterThanOrEqualTo(Duration.ofSeconds(120))
				.isLessThan(Duration.ofSeconds(180));
		}
	}

	@Test
	void defaultRandomShufflesEveryServerIntoTheList() {
		List<TestServer> servers = TestServer.named("a", "b", "c", "d", "e");
		ServerManager<TestServer> manager = TestServer.builder().build();
		manager.syncServers(servers);
		manager.rebalance();
		assertThat(manager.servers()).containsExactlyInAnyOrderElementsOf(servers);
	}

}
