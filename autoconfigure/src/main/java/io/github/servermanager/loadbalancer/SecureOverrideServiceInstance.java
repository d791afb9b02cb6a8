package io.github.servermanager.loadbalancer;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * An instance whose secure flag is set by configuration rather than by discovery (the
 * seed's UpdateTLS). Everything else comes from the instance discovery reported, which
 * {@link #getDelegate()} returns.
 */
public final class SecureOverrideServiceInstance implements ServiceInstance {

	private final ServiceInstance delegate;

	private final boolean secure;

	SecureOverrideServiceInstance(ServiceInstance delegate, boolean secure) {
		this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
		this.secure = secure;
	}

	/**
	 * Applies an override, or removes one.
	 * @param instance an instance, overridden or not
	 * @param secure the secure flag to force, or {@code null} to use discovery's
	 * @return the instance to publish
	 */
	static ServiceInstance apply(ServiceInstance instance, @Nullable Boolean secure) {
		ServiceInstance original = unwrap(instance);
		if (secure == null) {
			return original;
		}
		if (instance instanceof SecureOverrideServiceInstance overridden && overridden.secure == secure) {
			return instance;
		}
		return new SecureOverrideServiceInstance(original, secure);
	}

	static ServiceInstance unwrap(ServiceInstance instance) {
		return (instance instanceof SecureOverrideServiceInstance overridden) ? overridden.delegate : instance;
	}

	/**
	 * Returns the instance as discovery reported it.
	 * @return the original instance
	 */
	public ServiceInstance getDelegate() {
		return this.delegate;
	}

	@Override
	public @Nullable String getInstanceId() {
		return this.delegate.getInstanceId();
	}

	@Override
	public String getServiceId() {
		return this.delegate.getServiceId();
	}

	@Override
	public String getHost() {
		return this.delegate.getHost();
	}

	@Override
	public int getPort() {
		return this.delegate.getPort();
	}

	@Override
	public boolean isSecure() {
		return this.secure;
	}

	@Override
	public URI getUri() {
		return URI.create(getScheme() + "://" + getHost() + ":" + getPort());
	}

	@Override
	public Map<String, String> getMetadata() {
		return this.delegate.getMetadata();
	}

	@Override
	public String getScheme() {
		return this.secure ? "https" : "http";
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof SecureOverrideServiceInstance that && this.secure == that.secure
				&& this.delegate.equals(that.delegate);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.delegate, this.secure);
	}

	@Override
	public String toString() {
		return this.delegate + " (secure=" + this.secure + ")";
	}

}
