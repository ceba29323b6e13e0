package io.github.springsignalr.endpoint;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The .NET SDK's default policy: a client goes to an online primary, picked at random so that clients spread evenly,
 * and to an online secondary only when no primary is online; every message goes to every online endpoint. (.NET
 * weighs the pick by each endpoint's free capacity when its server connections report it; a REST-only application
 * has no such figures, and .NET picks uniformly then too.)
 * <p>
 * Extend it to change one choice, as .NET's {@code EndpointRouterDecorator} is extended: for example, route a
 * negotiate by a request header and fall back to {@code super.negotiateEndpoint} without it.
 */
public class DefaultEndpointRouter implements EndpointRouter {

	@Override
	public ServiceEndpoint negotiateEndpoint(NegotiateContext context, EndpointSnapshot snapshot) {
		List<ServiceEndpoint> candidates = snapshot.online(EndpointType.PRIMARY);
		if (candidates.isEmpty()) {
			candidates = snapshot.online(EndpointType.SECONDARY);
		}
		if (candidates.isEmpty()) {
			throw new NoAvailableEndpointException(context.hub(), snapshot);
		}
		return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
	}

}
