package io.github.servermanager.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * TLS for ping tests: a self-signed certificate for {@code localhost} and
 * {@code 127.0.0.1} (src/test/resources/ping-tls, made with keytool, store password
 * {@code changeit}), an HTTPS server that presents it and a bundle that trusts it.
 */
public final class TestTls {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private TestTls() {
	}

	/**
	 * Starts an HTTPS server that answers every request with a status.
	 * @param address the loopback address to listen on
	 * @param status the status of every answer
	 * @return the started server
	 */
	public static HttpsServer startHttpsServer(String address, int status)
			throws IOException, GeneralSecurityException {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = TestTls.class.getResourceAsStream("/ping-tls/server.p12")) {
			keyStore.load(in, PASSWORD);
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keyStore, PASSWORD);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress(address, 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(context));
		server.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
		return server;
	}

	/**
	 * Returns a bundle whose trust store holds the test certificate.
	 * @return the bundle
	 */
	public static SslBundle trustingBundle() {
		return SslBundle.of(new PemSslStoreBundle((PemSslStoreDetails) null,
				PemSslStoreDetails.forCertificate("classpath:ping-tls/server.crt")));
	}

}
