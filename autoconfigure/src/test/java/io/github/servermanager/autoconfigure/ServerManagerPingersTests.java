package io.github.servermanager.autoconfigure;

import java.util.Map;

import com.sun.net.httpserver.HttpsServer;
import io.github.servermanager.core.Pinger;
import io.github.servermanager.testsupport.TestTls;
import io.github.servermanager.service.ServerManagerExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The pinger of each service follows its {@code ping} and {@code ssl-bundle} keys.
 */
class ServerManagerPingersTests {

	private final ServerManagerExecutor deadlines = new ServerManagerExecutor(1);

	private final DefaultSslBundleRegistry sslBundles = new DefaultSslBundleRegistry();

	private HttpsServer https;

	@BeforeEach
	void start() throws Exception {
		this.sslBundles.registerBundle("backends", TestTls.trustingBundle());
		this.https = TestTls.startHttpsServer("127.0.0.1", 404);
	}

	@AfterEach
	void stop() {
		this.https.stop(0);
		this.deadlines.close();
	}

	@Test
	void serviceSslBundleIsTrustedByItsHttpPing() throws Exception {
		ServerManagerProperties settings = settings(Map.of("server-manager.services.secure.ssl-bundle", "backends"));
		ServerManagerPingers pingers = new ServerManagerPingers(settings, this.sslBundles, this.deadlines.scheduler());
		ServiceInstance secure = new DefaultServiceInstance("s1", "secure", "localhost",
				this.https.getAddress().getPort(), true);
		assertThat(pingers.create(settings.forService("secure")).ping(secure)).as("a 404 over trusted TLS is alive")
			.isTrue();
		Pinger<ServiceInstance> withoutBundle = pingers.create(settings.forService("other"));
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> withoutBundle.ping(secure));
	}

	@Test
	void reloadedBundleIsUsedByTheNextPing() throws Exception {
		DefaultSslBundleRegistry reloading = new DefaultSslBundleRegistry("backends", SslBundle.systemDefault());
		ServerManagerProperties settings = settings(Map.of("server-manager.ssl-bundle", "backends"));
		Pinger<ServiceInstance> pinger = new ServerManagerPingers(settings, reloading, this.deadlines.scheduler())
			.create(settings.forService("secure"));
		ServiceInstance secure = new DefaultServiceInstance("s1", "secure", "localhost",
				this.https.getAddress().getPort(), true);
		assertThatExceptionOfType(Exception.class).as("the JVM's trust store does not know the test certificate")
			.isThrownBy(() -> pinger.ping(secure));
		reloading.updateBundle("backends", TestTls.trustingBundle());
		assertThat(pinger.ping(secure)).isTrue();
	}

	@Test
	void httpHealthPingCountsOnly2xx() throws Exception {
		ServerManagerProperties settings = settings(
				Map.of("server-manager.ssl-bundle", "backends", "server-manager.ping", "http-health"));
		ServiceInstance secure = new DefaultServiceInstance("s1", "secure", "localhost",
				this.https.getAddress().getPort(), true);
		assertThat(new ServerManagerPingers(settings, this.sslBundles, this.deadlines.scheduler())
			.create(settings.forService("secure"))
			.ping(secure)).isFalse();
	}

	@Test
	void unknownBundleIsRefusedWithItsKey() {
		ServerManagerProperties settings = settings(Map.of("server-manager.services.secure.ssl-bundle", "pings"));
		assertThatExceptionOfType(InvalidServerManagerPropertyException.class)
			.isThrownBy(() -> new ServerManagerPingers(settings, this.sslBundles, this.deadlines.scheduler()))
			.satisfies((ex) -> {
				assertThat(ex.getKey()).isEqualTo("server-manager.services.secure.ssl-bundle");
				assertThat(ex.getValue()).isEqualTo("pings");
				assertThat(ex.getExample()).isEqualTo("backends");
			});
	}

	@Test
	void bundleWithoutSslBundlesIsRefused() {
		ServerManagerProperties settings = settings(Map.of("server-manager.ssl-bundle", "backends"));
		assertThatExceptionOfType(InvalidServerManagerPropertyException.class)
			.isThrownBy(() -> new ServerManagerPingers(settings, null, this.deadlines.scheduler()))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("server-manager.ssl-bundle"));
	}

	private static ServerManagerProperties settings(Map<String, String> properties) {
		return ServerManagerPropertiesTests.bind(properties);
	}

}
