package io.github.servermanager.autoconfigure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the server manager does to the JDK HttpClient's JVM-wide keep-alive while the
 * environment is prepared. Each test starts from a JVM where it is not set, and puts back
 * what was there.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdkHttpClientKeepAliveEnvironmentPostProcessorTests {

	private static final String PROPERTY = JdkHttpClientKeepAliveEnvironmentPostProcessor.KEEP_ALIVE_PROPERTY;

	private @Nullable String before;

	@BeforeEach
	void startUnset() {
		this.before = System.getProperty(PROPERTY);
		System.clearProperty(PROPERTY);
		JdkHttpClientKeepAliveEnvironmentPostProcessor.forgetSetting();
	}

	@AfterEach
	void restore() {
		if (this.before != null) {
			System.setProperty(PROPERTY, this.before);
		}
		else {
			System.clearProperty(PROPERTY);
		}
		JdkHttpClientKeepAliveEnvironmentPostProcessor.forgetSetting();
	}

	@Test
	void defaultsToHalfTheDefaultMinReuse() {
		postProcess();
		assertThat(System.getProperty(PROPERTY)).isEqualTo("60");
	}

	@Test
	void defaultsToHalfTheShortestMinReuseOfAnyService() {
		postProcess("server-manager.min-reuse=90s", "server-manager.services.orders.min-reuse=30s",
				"server-manager.services.billing.ping=tcp");
		assertThat(System.getProperty(PROPERTY)).isEqualTo("15");
	}

	@Test
	void defaultIsAtLeastTwoSeconds() {
		postProcess("server-manager.min-reuse=2s");
		assertThat(System.getProperty(PROPERTY)).isEqualTo("2");
	}

	@Test
	void configuredKeepAliveIsRoundedUpToWholeSeconds(CapturedOutput output) {
		postProcess("server-manager.jdk-http-client.keep-alive-timeout=1500ms");
		assertThat(System.getProperty(PROPERTY)).isEqualTo("2");
		assertThat(output).contains("Set the JVM-wide system property jdk.httpclient.keepalive.timeout=2");
	}

	@Test
	void aValueTheUserSetIsLeftAsItIs(CapturedOutput output) {
		System.setProperty(PROPERTY, "45");
		postProcess("server-manager.jdk-http-client.keep-alive-timeout=5s");
		assertThat(System.getProperty(PROPERTY)).isEqualTo("45");
		assertThat(output).contains("Leaving jdk.httpclient.keepalive.timeout=45 as set");
	}

	@Test
	void onlyTheFirstApplicationOfTheJvmSaysItLeftTheUsersValue(CapturedOutput output) {
		System.setProperty(PROPERTY, "45");
		postProcess();
		postProcess();
		assertThat(output.getOut().split("Leaving jdk.httpclient.keepalive.timeout=45", -1)).hasSize(2);
	}

	@Test
	void zeroLeavesTheJvmAlone() {
		postProcess("server-manager.jdk-http-client.keep-alive-timeout=0");
		assertThat(System.getProperty(PROPERTY)).isNull();
	}

	@Test
	void aDisabledServerManagerLeavesTheJvmAlone() {
		postProcess("server-manager.enabled=false");
		assertThat(System.getProperty(PROPERTY)).isNull();
	}

	@Test
	void onlyTheFirstApplicationOfTheJvmSetsIt(CapturedOutput output) {
		postProcess("server-manager.jdk-http-client.keep-alive-timeout=3s");
		postProcess("server-manager.jdk-http-client.keep-alive-timeout=7s");
		assertThat(System.getProperty(PROPERTY)).isEqualTo("3");
		assertThat(output.getOut().split("Set the JVM-wide system property", -1)).hasSize(2);
		assertThat(output).doesNotContain("Leaving jdk.httpclient.keepalive.timeout");
	}

	@Test
	void negativeKeepAliveNamesTheKey() {
		assertThatExceptionOfType(InvalidServerManagerPropertyException.class)
			.isThrownBy(() -> postProcess("server-manager.jdk-http-client.keep-alive-timeout=-5s"))
			.satisfies((ex) -> {
				assertThat(ex.getKey()).isEqualTo("server-manager.jdk-http-client.keep-alive-timeout");
				assertThat(ex.getValue()).isEqualTo("-5s");
			});
		assertThat(System.getProperty(PROPERTY)).isNull();
	}

	@Test
	void keepAliveBelowOneSecondNamesTheKey() {
		assertThatExceptionOfType(InvalidServerManagerPropertyException.class)
			.isThrownBy(() -> postProcess("server-manager.jdk-http-client.keep-alive-timeout=200ms"))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("server-manager.jdk-http-client.keep-alive-timeout"));
	}

	@Test
	void keepAliveThatIsNoDurationNamesTheKeyAndTheValue() {
		assertThatExceptionOfType(InvalidServerManagerPropertyException.class)
			.isThrownBy(() -> postProcess("server-manager.jdk-http-client.keep-alive-timeout=soon"))
			.satisfies((ex) -> {
				assertThat(ex.getKey()).isEqualTo("server-manager.jdk-http-client.keep-alive-timeout");
				assertThat(ex.getValue()).isEqualTo("soon");
			});
	}

	private static void postProcess(String... properties) {
		MockEnvironment environment = new MockEnvironment();
		for (String property : properties) {
			int equals = property.indexOf('=');
			environment.setProperty(property.substring(0, equals), property.substring(equals + 1));
		}
		new JdkHttpClientKeepAliveEnvironmentPostProcessor((destination) -> destination.get())
			.postProcessEnvironment(environment, new SpringApplication());
	}

}
