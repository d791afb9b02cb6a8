package io.github.servermanager.ping;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * Makes the TLS sockets of one ping: sets the bundle's options and the host name check on
 * each (the JSSE check, so that a lenient default {@code HostnameVerifier} set for the
 * whole JVM cannot loosen it), and hands each to the ping's deadline. Being one ping's,
 * it also keys the JDK's keep-alive cache to that ping alone.
 */
final class PingTlsSocketFactory extends SSLSocketFactory {

	private final Tls tls;

	private final PingDeadline deadline;

	PingTlsSocketFactory(Tls tls, PingDeadline deadline) {
		this.tls = tls;
		this.deadline = deadline;
	}

	@Override
	public Socket createSocket() throws IOException {
		return configure(this.tls.factory().createSocket());
	}

	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return configure(this.tls.factory().createSocket(socket, host, port, autoClose));
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return configure(this.tls.factory().createSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return configure(this.tls.factory().createSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return configure(this.tls.factory().createSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return configure(this.tls.factory().createSocket(address, port, localAddress, localPort));
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return this.tls.factory().getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.tls.factory().getSupportedCipherSuites();
	}

	private Socket configure(Socket socket) {
		this.deadline.opened(socket);
		SSLSocket tls = (SSLSocket) socket;
		SSLParameters parameters = tls.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (this.tls.options().getCiphers() != null) {
			parameters.setCipherSuites(this.tls.options().getCiphers());
		}
		if (this.tls.options().getEnabledProtocols() != null) {
			parameters.setProtocols(this.tls.options().getEnabledProtocols());
		}
		tls.setSSLParameters(parameters);
		return tls;
	}

	/** A bundle and what was built from it. */
	record Tls(@Nullable SslBundle bundle, SSLSocketFactory factory, SslOptions options) {

	}

}
