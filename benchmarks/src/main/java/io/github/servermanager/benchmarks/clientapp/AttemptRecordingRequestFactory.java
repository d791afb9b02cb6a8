package io.github.servermanager.benchmarks.clientapp;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * Sits below the load-balancer interceptor, so it sees each attempt's resolved address,
 * retries included.
 */
final class AttemptRecordingRequestFactory implements ClientHttpRequestFactory {

	private final ClientHttpRequestFactory delegate;

	private final AttemptLog log;

	AttemptRecordingRequestFactory(ClientHttpRequestFactory delegate, AttemptLog log) {
		this.delegate = delegate;
		this.log = log;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		this.log.record(uri.getPort());
		return this.delegate.createRequest(uri, httpMethod);
	}

}
