package io.github.servermanager.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServerManager#checkFront} walks from the front past servers that do not answer
 * and keeps the order otherwise.
 */
class ServerManagerCheckFrontTest {

	private final List<String> silentSeen = new ArrayList<>();

	@Test
	void movesPastSilentServersAndStopsAtTheFirstThatAnswers() {
		ServerManager<String> manager = manager(Set.of("a", "b"));
		assertThat(manager.checkFront(this.silentSeen::add)).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(manager.servers()).containsExactly("c", "d", "a", "b");
		assertThat(this.silentSeen).containsExactly("a", "b");
	}

	@Test
	void aFrontThatAnswersStaysWithOnePingAndNothingMoves() {
		ServerManager<String> manager = manager(Set.of("c"));
		assertThat(manager.checkFront(this.silentSeen::add)).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(manager.servers()).containsExactly("a", "b", "c", "d");
		assertThat(this.silentSeen).isEmpty();
	}

	@Test
	void noServerAnsweringGoesOnceAroundAndLeavesTheOrderAsItWas() {
		ServerManager<String> manager = manager(Set.of("a", "b", "c", "d"));
		assertThat(manager.checkFront(this.silentSeen::add)).isEqualTo(RebalanceOutcome.OFFLINE);
		assertThat(manager.servers()).containsExactly("a", "b", "c", "d");
		assertThat(this.silentSeen).containsExactly("a", "b", "c", "d");
	}

	@Test
	void anEmptyListHasNothingToCheck() {
		ServerManager<String> manager = ServerManager.builder((String server) -> server).build();
		assertThat(manager.checkFront(this.silentSeen::add)).isEqualTo(RebalanceOutcome.FROZEN);
	}

	/** A manager whose list is a, b, c, d in that order. */
	private static ServerManager<String> manager(Set<String> silent) {
		ServerManager<String> manager = ServerManager.builder((String server) -> server)
			.pinger((server) -> !silent.contains(server))
			.frontSelection((servers) -> servers)
			.build();
		manager.syncServers(List.of("a", "b", "c", "d"));
		return manager;
	}

}
