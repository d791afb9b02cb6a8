package io.github.servermanager.testsupport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every kind of load-balanced client must show against three real servers of the
 * service {@value #SERVICE}: it sticks to one server, leaves a stopped one at once, and
 * leaves one that answers 503.
 * <p>
 * One client application serves the whole class, as starting one is most of what these
 * tests cost; each test starts from whichever server is in front and puts the servers
 * back as they were when it ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LoadBalancedClientContract {

	/** The service id the servers are registered under. */
	public static final String SERVICE = "backend";

	/** Requests a test sends after the event it checks: enough to see a second move. */
	private static final int REQUESTS = 10;

	private Backends backends;

	private AutoCloseable client;

	@BeforeAll
	void startServersAndClient() throws Exception {
		this.backends = Backends.start(3);
		this.client = startClient(this.backends);
	}

	@AfterAll
	void stopClientAndServers() throws Exception {
		if (this.client != null) {
			this.client.close();
		}
		if (this.backends != null) {
			this.backends.close();
		}
	}

	@AfterEach
	void restoreServers() throws Exception {
		this.backends.restore();
	}

	/**
	 * Starts the client application, which must find the servers under {@value #SERVICE},
	 * for example through {@link Backends#discoveryProperties(String)}.
	 * @param backends the servers
	 * @return what stops the application
	 * @throws Exception when it cannot start
	 */
	protected abstract AutoCloseable startClient(Backends backends) throws Exception;

	/**
	 * Sends {@code GET /whoami} to the service through the client under test.
	 * @return the name of the server that answered
	 * @throws Exception on an error status or an I/O failure
	 */
	protected abstract String whoami() throws Exception;

	/**
	 * Tells whether the client, as configured, retries a request that could not reach its
	 * server on the next one, so that the caller sees no error.
	 * @return {@code true} with retry on
	 */
	protected abstract boolean retriesOnConnectionFailure();

	@Test
	void everyRequestReachesTheSameServer() throws Exception {
		String front = whoami();
		int before = this.backends.named(front).requests();
		List<String> served = send(REQUESTS * 2);
		assertThat(served).containsOnly(front).hasSize(REQUESTS * 2);
		assertThat(this.backends.named(front).requests() - before).isEqualTo(REQUESTS * 2);
	}

	@Test
	void stoppedFrontServerIsLeftForTheNextOne() throws Exception {
		String front = whoami();
		this.backends.named(front).stop();
		int failed = 0;
		List<String> served = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			try {
				served.add(whoami());
			}
			catch (Exception ex) {
				failed++;
			}
		}
		// Without retry the one request that met the stopped server fails; it is also
		// what moves that server away.
		assertThat(failed).isEqualTo(retriesOnConnectionFailure() ? 0 : 1);
		assertThat(served).doesNotContain(front).hasSize(REQUESTS - failed);
		assertThat(new HashSet<>(served)).hasSize(1);
	}

	@Test
	void frontServerAnswering503IsLeftForTheNextOne() throws Exception {
		String front = whoami();
		Backend failing = this.backends.named(front);
		failing.answerWith(503);
		int before = failing.requests();
		try {
			// The caller sees the 503 unless the client retries it on the next server.
			whoami();
		}
		catch (Exception ex) {
			// expected without retry on 503
		}
		List<String> served = send(REQUESTS);
		assertThat(served).doesNotContain(front).hasSize(REQUESTS);
		assertThat(new HashSet<>(served)).hasSize(1);
		assertThat(failing.requests() - before).isOne();
	}

	/**
	 * Returns the servers.
	 * @return the servers of {@value #SERVICE}
	 */
	protected Backends backends() {
		return this.backends;
	}

	private List<String> send(int count) throws Exception {
		List<String> served = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			served.add(whoami());
		}
		return served;
	}

}
