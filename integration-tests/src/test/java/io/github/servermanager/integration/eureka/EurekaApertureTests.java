package io.github.servermanager.integration.eureka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.github.servermanager.core.Aperture;
import io.github.servermanager.core.ClientRank;
import io.github.servermanager.service.ManagedService;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The aperture front selection with callers that are registered in Eureka: instances of
 * one application, in one JVM, each its own Spring Boot application on a random port,
 * calling backends registered in Eureka through a {@code @LoadBalanced} RestClient.
 * <p>
 * Every caller finds its rank among the instances of its application in Eureka; the
 * callers then tile the ring of a service's backends, each spreading its requests over
 * the backends its slice overlaps in proportion to the overlap, so that every backend
 * carries its fair share. {@code min-reuse} is an hour, and the measurements wait while a
 * rebalance deadline is near (the aperture's rounds start at the top of each hour): every
 * reorder the tests see comes from a rank the callers learnt.
 * <p>
 * The callers join one by one, as the tests go: one caller, then three, on a service of
 * ten backends; then four on a service of two. Each test starts the callers it needs, and
 * a test that stops a backend runs after the others on that service. Spring Retry is not
 * on this module's class path, so a request that meets a stopped backend fails for the
 * caller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EurekaApertureTests {

	private static final Log logger = LogFactory.getLog(EurekaApertureTests.class);

	private static final String CALLERS = "aperture-callers";

	private static final String TEN = "aperture-ten";

	private static final String TWO = "aperture-two";

	/**
	 * Every caller registered, fetched the registry with all callers in it, pulled
	 * membership and rebalanced, with room for a slow CI.
	 */
	private static final Duration RANK_TIMEOUT = Duration.ofSeconds(45);

	/**
	 * The aperture's rounds start on the wall clock's multiples of the rebalance interval
	 * (here at the top of each hour), and each moves the slices one backend along the
	 * ring: a measurement waits while one is this close, so that it sees one tiling only.
	 */
	private static final Duration ROUND_MARGIN = Duration.ofSeconds(20);

	/** Each backend's fair share of one measurement, in requests. */
	private static final int FAIR_SHARE = 100;

	private static final double EVEN_LIMIT = 1.10;

	private static final double AFTER_STOP_LIMIT = 1.25;

	/**
	 * Leases that outlive a starved heartbeat on a busy machine: an instance evicted and
	 * registered again would move a caller's rank, or a backend to the end of the lists.
	 * Every instance deregisters when it closes, and a stopped backend goes on renewing.
	 */
	private static final Map<String, Object> LONG_LEASE = Map.of("eureka.instance.lease-expiration-duration-in-seconds",
			30);

	private EurekaServer server;

	private final Map<String, List<EurekaBackend>> backends = new HashMap<>();

	private final List<EurekaClientApplication> callers = new ArrayList<>();

	@BeforeAll
	void startEurekaAndBackends() {
		this.server = EurekaServer.start();
		startBackends(TEN, 10);
		startBackends(TWO, 2);
		// A caller keeps its aperture until the next round when backends join meanwhile:
		// every backend is registered before the first caller looks.
		await().atMost(RANK_TIMEOUT).untilAsserted(() -> {
			assertThat(this.server.upInstanceIds(TEN)).hasSize(10);
			assertThat(this.server.upInstanceIds(TWO)).hasSize(2);
		});
	}

	@AfterAll
	void stopEverything() {
		// A Eureka client takes about a second to deregister and shut down: do them
		// together.
		List<AutoCloseable> all = new ArrayList<>(this.callers);
		this.backends.values().forEach(all::addAll);
		all.parallelStream().forEach(EurekaApertureTests::closeQuietly);
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	@Order(1)
	void oneCallerSpreadsItsRequestsOverEveryBackend() {
		callers(1);
		awaitTiled(TEN);

		measureEvenSpread(TEN);
	}

	@Test
	@Order(2)
	void callersThatJoinRetileTheRingWithoutWaitingForTheRebalanceDeadline() {
		callers(1);
		awaitTiled(TEN);
		// A join takes two start-ups and a few registry fetches, some 15 s here: no
		// round starts meanwhile.
		awaitNoRoundChangeWithin(Duration.ofSeconds(45));
		Instant deadline = managed(this.callers.get(0), TEN).nextRebalanceAt();

		callers(3);
		awaitTiled(TEN);

		assertThat(Instant.now()).as("the first caller's rebalance deadline").isBefore(deadline);
		measureEvenSpread(TEN);
	}

	@Test
	@Order(3)
	void threeCallersOfTenBackendsFailOneRequestEachAtMostWhenABackendStops() {
		callers(3);
		awaitTiled(TEN);

		measureAfterStoppingABackend(TEN);
	}

	@Test
	@Order(4)
	void fourCallersOfTwoBackendsTakeOneBackendEach() {
		callers(4);
		awaitTiled(TWO);

		measureEvenSpread(TWO);
	}

	@Test
	@Order(5)
	void fourCallersOfTwoBackendsFailOneRequestEachAtMostWhenABackendStops() {
		callers(4);
		awaitTiled(TWO);

		measureAfterStoppingABackend(TWO);
	}

	/**
	 * Sends each backend's fair share from the callers together: no request fails, the
	 * busiest backend carries at most 10 % more than its share, and each caller reaches
	 * only the backends of its aperture, at most {@code ceil(backends / callers) + 1} of
	 * them (one when there are at least as many callers as backends).
	 */
	private void measureEvenSpread(String service) {
		awaitNoRoundChangeWithin(ROUND_MARGIN);
		List<Set<String>> apertures = apertureIds(service);
		int perCaller = requestsPerCaller(service);

		Measurement even = send(service, perCaller, backends(service));
		log(service, "even", even);

		assertThat(even.failed()).as("failed requests per caller").containsOnly(0);
		assertThat(even.total()).as("requests the backends answered").isEqualTo(perCaller * this.callers.size());
		assertThat(even.busiestOverFair()).as("busiest backend / fair share, per backend %s", even.served())
			.isLessThanOrEqualTo(EVEN_LIMIT);
		for (int i = 0; i < this.callers.size(); i++) {
			assertThat(even.reached().get(i)).as("backends caller %d reached", i)
				.hasSizeLessThanOrEqualTo(maxReached(service))
				.isSubsetOf(apertures.get(i));
		}
	}

	/**
	 * Stops the backend in the most callers' apertures, as a crash does (it stays
	 * registered), then sends each backend's fair share again: each caller that had it in
	 * its aperture fails one request at most, the others none, and the survivors share
	 * the load with the busiest at most 25 % above its share.
	 */
	private void measureAfterStoppingABackend(String service) {
		awaitNoRoundChangeWithin(ROUND_MARGIN);
		List<Set<String>> apertures = apertureIds(service);
		EurekaBackend stopped = mostUsed(service, apertures);
		List<EurekaBackend> survivors = backends(service).stream().filter((backend) -> backend != stopped).toList();

		stopped.stopServing();
		Measurement afterStop = send(service, requestsPerCaller(service), survivors);
		log(service, "after stopping " + stopped.instanceId(), afterStop);

		for (int i = 0; i < this.callers.size(); i++) {
			boolean used = apertures.get(i).contains(stopped.instanceId());
			assertThat(afterStop.failed().get(i))
				.as("failed requests of caller %d (the stopped backend in its aperture: %s)", i, used)
				.isLessThanOrEqualTo(used ? 1 : 0);
			assertThat(afterStop.reached().get(i)).as("backends caller %d reached", i)
				.hasSizeLessThanOrEqualTo(maxReached(service))
				.doesNotContain(stopped.instanceId());
			assertThat(apertureIds(this.callers.get(i), service)).as("aperture of caller %d", i)
				.doesNotContain(stopped.instanceId());
		}
		assertThat(afterStop.busiestOverFair())
			.as("busiest surviving backend / fair share, per backend %s", afterStop.served())
			.isLessThanOrEqualTo(AFTER_STOP_LIMIT);
	}

	/**
	 * Starts callers until there are {@code count}, instance ids
	 * {@code aperture-callers-0}, {@code -1}...: ranked in that order.
	 */
	private void callers(int count) {
		Map<String, Object> properties = new HashMap<>(LONG_LEASE);
		properties.put("server-manager.min-reuse", "1h");
		while (this.callers.size() < count) {
			this.callers.add(EurekaClientApplication.startRegistered(this.server, CALLERS,
					CALLERS + "-" + this.callers.size(), properties));
		}
	}

	private void startBackends(String service, int count) {
		List<EurekaBackend> started = new ArrayList<>();
		this.backends.put(service, started);
		for (int n = 1; n <= count; n++) {
			started
				.add(EurekaBackend.start(this.server, service, service + "-b" + String.format("%02d", n), LONG_LEASE));
		}
	}

	private List<EurekaBackend> backends(String service) {
		return this.backends.get(service);
	}

	/** The backends' instance ids sorted as the callers sort them: the ring. */
	private List<String> ring(String service) {
		return backends(service).stream().map(EurekaBackend::instanceId).sorted().toList();
	}

	/**
	 * Waits until every caller found its rank and took its slice of the service's ring:
	 * the slices of all callers start where their rank puts them in the same round, and
	 * each spreads over the backends it overlaps in proportion to the overlap.
	 */
	private void awaitTiled(String service) {
		List<String> ring = ring(service);
		int n = ring.size();
		int m = this.callers.size();
		await().atMost(RANK_TIMEOUT).untilAsserted(() -> {
			int round = -1;
			for (int i = 0; i < m; i++) {
				EurekaClientApplication caller = this.callers.get(i);
				// The first use of the service starts its load balancer.
				assertThat(caller.instanceIds(service)).as("servers of caller %d", i).hasSize(n);
				assertThat(caller.rank()).as("rank of caller %d", i).isEqualTo(new ClientRank(i, m));
				Aperture<ServiceInstance> aperture = managed(caller, service).manager().aperture();
				List<Double> expectedShares = expectedShares(i, m, n);
				assertThat(aperture.size()).as("aperture of caller %d: %s", i, aperture)
					.isEqualTo(expectedShares.size());
				int first = firstInSlice(i, m, n);
				if (round < 0) {
					round = Math.floorMod(ring.indexOf(aperture.servers().get(0).getInstanceId()) - first, n);
				}
				for (int j = 0; j < expectedShares.size(); j++) {
					assertThat(aperture.servers().get(j).getInstanceId()).as("aperture of caller %d: %s", i, aperture)
						.isEqualTo(ring.get((first + round + j) % n));
					assertThat(aperture.shares().get(j)).as("aperture of caller %d: %s", i, aperture)
						.isCloseTo(expectedShares.get(j), within(1e-9));
				}
			}
		});
	}

	/**
	 * Waits while a round is about to start for any caller: the callers rebalance into
	 * the next round then, each at its own point.
	 */
	private void awaitNoRoundChangeWithin(Duration margin) {
		await().atMost(margin.plus(RANK_TIMEOUT))
			.until(() -> this.callers.stream()
				.flatMap((caller) -> caller.managedServices().stream())
				.allMatch(
						(service) -> Duration.between(Instant.now(), service.nextRebalanceAt()).compareTo(margin) > 0));
	}

	/**
	 * The server of the ring that the slice of caller {@code i} of {@code m} starts in.
	 */
	private static int firstInSlice(int i, int m, int n) {
		return (int) ((long) i * n / m);
	}

	/**
	 * The shares of caller {@code i} of {@code m} on a ring of {@code n}, in ring order:
	 * the slice {@code [i n / m, (i + 1) n / m)} overlaps server {@code j}'s
	 * {@code [j, j + 1)} by a fraction of its length; with at least as many callers as
	 * servers the caller takes the one server its slice starts in.
	 */
	private static List<Double> expectedShares(int i, int m, int n) {
		if (m >= n) {
			return List.of(1.0);
		}
		List<Double> shares = new ArrayList<>();
		// In units of 1/m of a server: the slice is [i n, (i + 1) n), server j is
		// [j m, (j + 1) m).
		for (int j = 0; j < n; j++) {
			long overlap = Math.min((i + 1L) * n, (j + 1L) * m) - Math.max((long) i * n, (long) j * m);
			if (overlap > 0) {
				shares.add((double) overlap / n);
			}
		}
		return shares;
	}

	private int maxReached(String service) {
		int n = backends(service).size();
		int m = this.callers.size();
		return (m >= n) ? 1 : (n + m - 1) / m + 1;
	}

	/**
	 * Enough requests per caller for each backend's fair share to be {@link #FAIR_SHARE}.
	 */
	private int requestsPerCaller(String service) {
		int m = this.callers.size();
		return (FAIR_SHARE * backends(service).size() + m - 1) / m;
	}

	/** The backend in the apertures of the most callers, the first in ring order. */
	private EurekaBackend mostUsed(String service, List<Set<String>> apertures) {
		String mostUsed = ring(service).stream()
			.max(Comparator.<String>comparingLong((id) -> apertures.stream().filter((a) -> a.contains(id)).count())
				.thenComparing(Comparator.reverseOrder()))
			.orElseThrow();
		return backends(service).stream()
			.filter((backend) -> backend.instanceId().equals(mostUsed))
			.findFirst()
			.orElseThrow();
	}

	private List<Set<String>> apertureIds(String service) {
		return this.callers.stream().map((caller) -> apertureIds(caller, service)).toList();
	}

	private static Set<String> apertureIds(EurekaClientApplication caller, String service) {
		Set<String> ids = new LinkedHashSet<>();
		managed(caller, service).manager().aperture().servers().forEach((server) -> ids.add(server.getInstanceId()));
		return ids;
	}

	private static ManagedService managed(EurekaClientApplication caller, String service) {
		return Objects.requireNonNull(caller.managedService(service), () -> "No managed service " + service);
	}

	/**
	 * Sends {@code perCaller} requests from each caller, the callers taking turns.
	 * @param service the service
	 * @param perCaller requests per caller
	 * @param counted the backends whose answers are counted
	 * @return what the callers and backends saw
	 */
	private Measurement send(String service, int perCaller, List<EurekaBackend> counted) {
		Map<String, Integer> before = requestsBy(counted);
		List<Set<String>> reached = new ArrayList<>();
		List<Integer> failed = new ArrayList<>();
		for (int i = 0; i < this.callers.size(); i++) {
			reached.add(new LinkedHashSet<>());
			failed.add(0);
		}
		for (int r = 0; r < perCaller; r++) {
			for (int i = 0; i < this.callers.size(); i++) {
				try {
					reached.get(i).add(this.callers.get(i).call(service));
				}
				catch (RestClientException ex) {
					failed.set(i, failed.get(i) + 1);
				}
			}
		}
		Map<String, Integer> served = new TreeMap<>();
		requestsBy(counted).forEach((id, count) -> served.put(id, count - before.get(id)));
		return new Measurement(served, reached, failed);
	}

	private void log(String service, String phase, Measurement measurement) {
		logger.info(String.format(
				"%d caller(s) of %s, %s: busiest/fair %.3f, per backend %s, backends reached per caller %s, "
						+ "failed per caller %s, apertures now %s",
				this.callers.size(), service, phase, measurement.busiestOverFair(), measurement.served(),
				measurement.reached().stream().map(Set::size).toList(), measurement.failed(),
				this.callers.stream()
					.map((caller) -> describe(managed(caller, service).manager().aperture()))
					.toList()));
	}

	private static String describe(Aperture<ServiceInstance> aperture) {
		List<String> servers = new ArrayList<>();
		for (int j = 0; j < aperture.size(); j++) {
			servers.add(String.format("%s=%.3f", aperture.servers().get(j).getInstanceId(), aperture.shares().get(j)));
		}
		return servers.toString();
	}

	private static Map<String, Integer> requestsBy(List<EurekaBackend> backends) {
		Map<String, Integer> requests = new HashMap<>();
		backends.forEach((backend) -> requests.put(backend.instanceId(), backend.requests()));
		return requests;
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			logger.warn("Closing " + closeable + " failed", ex);
		}
	}

	/**
	 * What one measurement saw.
	 *
	 * @param served requests each counted backend answered, by instance id
	 * @param reached the backends that answered each caller
	 * @param failed the failed requests of each caller
	 */
	record Measurement(Map<String, Integer> served, List<Set<String>> reached, List<Integer> failed) {

		int total() {
			return this.served.values().stream().mapToInt(Integer::intValue).sum();
		}

		double busiestOverFair() {
			int busiest = this.served.values().stream().mapToInt(Integer::intValue).max().orElse(0);
			double fair = (double) total() / this.served.size();
			return busiest / fair;
		}

	}

}
