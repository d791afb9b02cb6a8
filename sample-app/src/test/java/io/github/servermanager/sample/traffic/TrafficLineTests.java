package io.github.servermanager.sample.traffic;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficLineTests {

	@Test
	void namesEachBackendThatServedWithItsCallCountAcrossBothClients() {
		TrafficTick tick = TrafficTick.of(1, Map.of("b1", 3, "b2", 2), Map.of("b1", 5), 0, null, List.of(), "b1");

		assertThat(TrafficLine.describe(TrafficTick.NONE, tick))
			.isEqualTo("served b1 x8, b2 x2 | errors 0 | offline none");
	}

	@Test
	void reportsAFailoverWhenTheBackendLeftBehindIsOffline() {
		TrafficTick before = TrafficTick.of(1, Map.of("b1", 5), Map.of("b1", 5), 0, null, List.of(), "b1");
		TrafficTick after = TrafficTick.of(2, Map.of("b2", 5), Map.of("b2", 5), 0, null, List.of("b1"), "b2");

		assertThat(TrafficLine.describe(before, after)).endsWith("| offline b1 | failover b1 -> b2");
	}

	@Test
	void reportsAFailoverWhenCallsFailedAsTheBackendChanged() {
		TrafficTick before = TrafficTick.of(1, Map.of("b1", 5), Map.of("b1", 5), 0, null, List.of(), "b1");
		TrafficTick after = TrafficTick.of(2, Map.of("b2", 4), Map.of("b2", 5), 1, null, List.of(), "b2");

		assertThat(TrafficLine.describe(before, after)).endsWith("| errors 1 | offline none | failover b1 -> b2");
	}

	@Test
	void reportsAMoveWhenTheBackendLeftBehindIsHealthy() {
		TrafficTick before = TrafficTick.of(1, Map.of("b3", 5), Map.of("b3", 5), 0, null, List.of(), "b3");
		TrafficTick after = TrafficTick.of(2, Map.of("b1", 5), Map.of("b1", 5), 0, null, List.of(), "b1");

		assertThat(TrafficLine.describe(before, after)).endsWith("| moved b3 -> b1");
	}

	@Test
	void reportsNoChangeWhileTheSameBackendServes() {
		TrafficTick before = TrafficTick.of(1, Map.of("b1", 5), Map.of("b1", 5), 0, null, List.of(), "b1");
		TrafficTick after = TrafficTick.of(2, Map.of("b1", 5), Map.of("b1", 5), 0, null, List.of("b2"), "b1");

		assertThat(TrafficLine.describe(before, after)).isEqualTo("served b1 x10 | errors 0 | offline b2");
	}

	@Test
	void showsTheServerManagersFailoverCountWhenThereIsOne() {
		TrafficTick tick = TrafficTick.of(3, Map.of("b2", 5), Map.of("b2", 5), 0, 1L, List.of("b1"), "b2");

		assertThat(TrafficLine.describe(TrafficTick.NONE, tick))
			.isEqualTo("served b2 x10 | errors 0 | failovers 1 | offline b1");
	}

	@Test
	void saysNothingWasServedWhenEveryCallFailed() {
		TrafficTick tick = TrafficTick.of(1, Map.of(), Map.of(), 10, null, List.of("b1", "b2", "b3"), null);

		assertThat(TrafficLine.describe(TrafficTick.NONE, tick))
			.isEqualTo("served nothing | errors 10 | offline b1 b2 b3");
	}

}
