package io.github.servermanager.ping;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Cuts one ping's connection at its timeout, unless the ping ended first. An
 * {@link HttpURLConnection} has no socket to close before {@code connect()} returns, so
 * the lock makes "connected" and "cut" exclusive: the deadline disconnects only a
 * connected connection, and a connection that connects after the deadline is ended by the
 * pinging thread. Over TLS the socket the {@link PingTlsSocketFactory} made is closed
 * too, which also cuts a handshake in progress.
 */
final class PingDeadline implements Runnable {

	private final HttpURLConnection connection;

	private @Nullable Socket socket;

	private boolean connected;

	private boolean cut;

	private boolean ended;

	PingDeadline(HttpURLConnection connection) {
		this.connection = connection;
	}

	@Override
	public synchronized void run() {
		if (this.ended) {
			return;
		}
		this.cut = true;
		if (this.socket != null) {
			closeQuietly(this.socket);
		}
		if (this.connected) {
			this.connection.disconnect();
		}
	}

	synchronized void opened(Socket socket) {
		this.socket = socket;
		if (this.cut) {
			closeQuietly(socket);
		}
	}

	synchronized void connected() throws SocketTimeoutException {
		if (this.cut) {
			throw new SocketTimeoutException("Connected after the deadline");
		}
		this.connected = true;
	}

	synchronized boolean hasCut() {
		return this.cut;
	}

	/** Called by the pinging thread: under the lock, so never with the deadline's. */
	synchronized void end() {
		this.ended = true;
		this.connection.disconnect();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closed as far as this ping is concerned.
		}
	}

}
