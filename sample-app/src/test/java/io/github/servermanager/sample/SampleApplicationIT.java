package io.github.servermanager.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample app, started with {@code java -jar} as a newcomer would, driven
 * over HTTP. One process serves every test; the last test stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleApplicationIT {

	private static final Duration TRAFFIC_TIMEOUT = Duration.ofSeconds(30);

	SampleProcess sample;

	@BeforeAll
	void startSample(@TempDir Path workDir) {
		// Ticks four times a second, and no rebalance moves the traffic while a test
		// watches it.
		this.sample = SampleProcess.start(workDir, Map.of(), jvmOptions(), "--sample.traffic.interval=250ms",
				"--server-manager.min-reuse=10m");
	}

	/**
	 * Options for the JVM that runs the jar.
	 * @return none here; a subclass runs the same checks with other options
	 */
	List<String> jvmOptions() {
		return List.of();
	}

	@AfterAll
	void killSample() {
		if (this.sample != null) {
			this.sample.close();
		}
	}

	@Test
	@Order(1)
	void startsThreeRunningBackends() throws Exception {
		String backends = sample.get("/backends");

		assertThat(JsonPath.<List<String>>read(backends, "$[*].name")).containsExactly("b1", "b2", "b3");
		assertThat(JsonPath.<List<Boolean>>read(backends, "$[*].running")).containsOnly(true);
	}

	@Test
	@Order(2)
	void sendsEveryCallOfATickToOneBackend() throws Exception {
		await().atMost(TRAFFIC_TIMEOUT).until(() -> tick(sample.get("/traffic")) >= 2);

		assertThat(servedBy(sample.get("/traffic"))).hasSize(1);
	}

	@Test
	@Order(3)
	void movesAllTrafficToOneOtherBackendWhenTheServingOneStops() throws Exception {
		String front = await().atMost(TRAFFIC_TIMEOUT)
			.until(() -> singleBackendServing(sample.get("/traffic")), (backend) -> backend != null);
		int number = Integer.parseInt(front.substring(1));

		long failoversBefore = failovers(sample.get("/traffic"));

		sample.post("/backends/" + number + "/stop");
		long stoppedAtTick = tick(sample.get("/traffic"));

		try {
			// The first tick that began after the stop shows where the traffic went.
			await().atMost(TRAFFIC_TIMEOUT).untilAsserted(() -> {
				String traffic = sample.get("/traffic");
				assertThat(tick(traffic)).isGreaterThan(stoppedAtTick + 1);
				assertThat(servedBy(traffic)).hasSize(1).doesNotContainKey(front);
				assertThat(JsonPath.<Integer>read(traffic, "$.errors")).as("calls that failed for the caller").isZero();
				assertThat(failovers(traffic)).as("failovers the server manager counted")
					.isGreaterThan(failoversBefore);
			});
			String now = singleBackendServing(sample.get("/traffic"));
			String service = sample.get("/actuator/servermanager/backend");
			assertThat(JsonPath.<List<String>>read(service, "$.servers[*].instanceId")).as("the manager's list")
				.hasSize(3)
				.startsWith(now)
				.endsWith(front);
			assertThat(JsonPath.<String>read(service, "$.lastFailure.server")).isEqualTo(front);
			assertThat(JsonPath.<Boolean>read(service, "$.offline")).isFalse();
		}
		finally {
			sample.post("/backends/" + number + "/start");
		}
	}

	@Test
	@Order(4)
	void exposesHealthMetricsAndTheServerManagerEndpointOnTheAppPort() throws Exception {
		String actuator = sample.get("/actuator");

		assertThat(JsonPath.<Map<String, Object>>read(actuator, "$._links")).containsKeys("health", "metrics",
				"servermanager");
	}

	@Test
	@Order(5)
	void reportsTheBackendServiceInHealthAndMetrics() throws Exception {
		String health = sample.get("/actuator/health/servermanager");
		String failovers = sample.get("/actuator/metrics/server.manager.failovers?tag=service:backend");

		assertThat(JsonPath.<String>read(health, "$.components.backend.status")).isEqualTo("UP");
		assertThat(JsonPath.<Double>read(failovers, "$.measurements[0].value")).as("failovers since start")
			.isGreaterThanOrEqualTo(1.0);
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void stopsCleanlyOnSigtermLeavingNoProcessBehind() throws Exception {
		Process process = sample.process();
		List<ProcessHandle> children = process.descendants().toList();

		boolean exited = sample.stop();

		assertThat(exited).as("the sample exited within 30 s of SIGTERM").isTrue();
		assertThat(process.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
		assertThat(children).noneMatch(ProcessHandle::isAlive);
		assertThat(process.toHandle().isAlive()).isFalse();
		assertThat(sample.output()).contains("Stopped local backends b1 b2 b3");
	}

	private static String singleBackendServing(String traffic) throws IOException {
		Map<String, Integer> servedBy = servedBy(traffic);
		return (servedBy.size() == 1) ? servedBy.keySet().iterator().next() : null;
	}

	private static long failovers(String traffic) {
		return JsonPath.<Number>read(traffic, "$.failovers").longValue();
	}

	private static long tick(String traffic) {
		return JsonPath.<Number>read(traffic, "$.tick").longValue();
	}

	private static Map<String, Integer> servedBy(String traffic) throws IOException {
		return JsonPath.read(traffic, "$.servedBy");
	}

}
