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
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample app, started with {@code java -jar} as a newcomer would, driven
 * over HTTP. One process serves every test; the last test stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationIT {

	private static final Duration TRAFFIC_TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	static Path workDir;

	static SampleProcess sample;

	@BeforeAll
	static void startSample() {
		sample = SampleProcess.start(workDir, Map.of(), "--sample.traffic.interval=250ms");
	}

	@AfterAll
	static void killSample() {
		if (sample != null) {
			sample.close();
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
	void trafficMovesToAnotherBackendWhenTheServingOneStops() throws Exception {
		await().atMost(TRAFFIC_TIMEOUT).until(() -> lastServed(sample.get("/traffic")) != null);
		String serving = lastServed(sample.get("/traffic"));
		int number = Integer.parseInt(serving.substring(1));

		sample.post("/backends/" + number + "/stop");
		long stoppedAtTick = tick(sample.get("/traffic"));

		try {
			// A tick that began after the stop shows where the traffic went.
			await().atMost(TRAFFIC_TIMEOUT).untilAsserted(() -> {
				String traffic = sample.get("/traffic");
				assertThat(tick(traffic)).isGreaterThan(stoppedAtTick + 1);
				assertThat(servedBy(traffic)).isNotEmpty().doesNotContainKey(serving);
				assertThat(JsonPath.<Integer>read(traffic, "$.errors")).as("calls that failed for the caller").isZero();
			});
		}
		finally {
			sample.post("/backends/" + number + "/start");
		}
	}

	@Test
	@Order(3)
	void exposesHealthAndMetricsOnTheAppPort() throws Exception {
		String actuator = sample.get("/actuator");

		assertThat(JsonPath.<Map<String, Object>>read(actuator, "$._links")).containsKeys("health", "metrics");
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

	private static String lastServed(String traffic) {
		return JsonPath.read(traffic, "$.lastServed");
	}

	private static long tick(String traffic) {
		return JsonPath.<Number>read(traffic, "$.tick").longValue();
	}

	private static Map<String, Integer> servedBy(String traffic) throws IOException {
		return JsonPath.read(traffic, "$.servedBy");
	}

}
