package io.github.servermanager.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.servermanager.core.TestServer.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ServerManagerRemoveServerTest {

	private final TestServer a = named("a");

	private final TestServer b = named("b");

	private final TestServer c = named("c");

	private final ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder(),
			List.of(this.a, this.b, this.c));

	@Test
	void removeServerDropsTheServerWithTheSameKey() {
		this.manager.removeServer(this.b.withVersion(9));
		assertThat(this.manager.servers()).containsExactly(this.a, this.c);
	}

	@Test
	void removeServerOfTheFrontPromotesTheNextServer() {
		this.manager.removeServer(this.a);
		assertThat(this.manager.findServer()).isSameAs(this.b);
	}

	@Test
	void removeServerOfAnUnknownKeyPublishesNothing() {
		List<TestServer> before = this.manager.servers();
		this.manager.removeServer(named("unknown"));
		assertThat(this.manager.servers()).isSameAs(before);
	}

	@Test
	void removeServerNeverChangesAListReturnedBefore() {
		List<TestServer> snapshot = this.manager.servers();
		this.manager.removeServer(this.a);
		this.manager.removeServer(this.c);
		assertThat(snapshot).containsExactly(this.a, this.b, this.c);
	}

	@Test
	void removeServerOfTheLastServerLeavesAnEmptyList() {
		List.of(this.a, this.b, this.c).forEach(this.manager::removeServer);
		assertThat(this.manager.servers()).isEmpty();
		assertThat(this.manager.findServer()).isNull();
	}

	@Test
	void removeServerRejectsNullNamingTheServer() {
		List<TestServer> before = this.manager.servers();
		assertThatNullPointerException().isThrownBy(() -> this.manager.removeServer(null))
			.withMessageContaining("server");
		assertThat(this.manager.servers()).isSameAs(before);
	}

}
