package io.github.servermanager.connection;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.client.JdkClientHttpRequestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which captured client a ping of a service goes through: the one that was seen sending
 * the last request to that service; otherwise none, and the ping keeps its own socket.
 */
class ClientPingsTests {

	private static final ServerAddress S1 = new ServerAddress("10.0.0.1", 8080);

	private static final ServerAddress S2 = new ServerAddress("10.0.0.2", 8080);

	private static final ServerAddress ELSEWHERE = new ServerAddress("api.example.com", 443);

	private final CapturedClients clients = new CapturedClients();

	/** Captured clients are held weakly: the test holds them. */
	private final List<Object> built = new ArrayList<>();

	private final IdleConnectionReaper reaper = new IdleConnectionReaper(new ConnectionPools(), List::of,
			(serviceId) -> true, Duration.ofMillis(100));

	private final ClientPings pings = new ClientPings(this.clients, this.reaper,
			(serviceId) -> Map.of("backend", List.of(S1, S2)).getOrDefault(serviceId, List.of()));

	@AfterEach
	void stop() {
		this.pings.destroy();
		this.reaper.destroy();
	}

	@Test
	void theClientThatSentToAServerOfTheServiceIsChosen() {
		Object elsewhere = observed(ELSEWHERE);
		Object caller = observed(S2);
		assertThat(this.pings.clientFor(instance(S1))).isSameAs(caller).isNotSameAs(elsewhere);
	}

	@Test
	void theCallerWinsOverAClientWhoseRequestsCannotBeSeen() {
		Object caller = observed(S1);
		unobserved();
		assertThat(this.pings.clientFor(instance(S1))).isSameAs(caller);
	}

	@Test
	void noClientBeforeOneSentToTheService() {
		observed(ELSEWHERE);
		assertThat(this.pings.clientFor(instance(S1))).isNull();
	}

	@Test
	void noClientWhenNoneCanBeSeenCallingTheService() {
		unobserved();
		assertThat(this.pings.clientFor(instance(S1))).isNull();
	}

	@Test
	void noClientWhenNoneWasBuilt() {
		assertThat(this.pings.clientFor(instance(S1))).isNull();
	}

	@Test
	void aRestClientThatNamedTheServiceIdIsChosenOverAClientOfAnotherServer() {
		Object factory = capturedJdkFactory();
		SentRequests sent = SentRequests.takeForFactoryCaptured();
		assertThat(sent).isNotNull();
		assertThat(SentRequests.takeForFactoryCaptured()).isNull();
		observed(ELSEWHERE);
		sent.called(URI.create("http://BACKEND/whoami"));
		assertThat(this.pings.clientFor(instance(S1))).isSameAs(factory);
	}

	@Test
	void aRestClientThatNamedAnotherServiceIsNotChosen() {
		capturedJdkFactory();
		SentRequests.takeForFactoryCaptured().called(URI.create("http://other-service/"));
		assertThat(this.pings.clientFor(instance(S1))).isNull();
	}

	@Test
	void hostsCompareWithoutCaseAndIpv6Brackets() {
		Object caller = observed(new ServerAddress("[FE80::1]", 8080));
		observed(ELSEWHERE);
		assertThat(this.pings.clientFor(instance(new ServerAddress("fe80::1", 8080)))).isSameAs(caller);
	}

	private Object observed(ServerAddress sentTo) {
		Object client = built();
		SentRequests.forClientBeingBuilt().sent(sentTo.host(), sentTo.port());
		this.clients.capture(client);
		return client;
	}

	private Object unobserved() {
		Object client = built();
		SentRequests.clientBeingBuiltIsNotObserved();
		this.clients.capture(client);
		return client;
	}

	/**
	 * A JDK request factory, captured as Boot's builder would: its library reports
	 * nothing.
	 */
	private Object capturedJdkFactory() {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory();
		this.built.add(factory);
		SentRequests.clientBeingBuiltIsNotObserved();
		this.clients.capture(factory);
		return factory;
	}

	private Object built() {
		Object client = new Object();
		this.built.add(client);
		return client;
	}

	private static ServiceInstance instance(ServerAddress address) {
		return new DefaultServiceInstance(address.host(), "backend", address.host(), address.port(), false);
	}

}
