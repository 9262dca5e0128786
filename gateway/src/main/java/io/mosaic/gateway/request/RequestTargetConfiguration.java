package io.mosaic.gateway.request;

import io.netty.channel.ChannelPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** Puts {@link RequestTargetEncoder} into every HTTP/1.1 connection's pipeline, right after Netty's decoder. */
@Configuration(proxyBeanMethods = false)
class RequestTargetConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RequestTargetConfiguration.class);
    static final String HANDLER = "mosaic.requestTargetEncoder";

    @Bean
    NettyServerCustomizer requestTargetEncoder() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER, new RequestTargetEncoder());
            } else {
                // HTTP/2 or h2c: requests arrive through another codec, and keep Spring's own URI parsing.
                log.debug("no HTTP/1.1 codec on {}; query strings are not re-encoded", channel);
            }
        });
    }
}
