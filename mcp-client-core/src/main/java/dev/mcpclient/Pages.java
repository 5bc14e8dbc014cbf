package dev.mcpclient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** Full listings from paginated ones: every page, following {@code nextCursor}, joined into one. */
final class Pages {

    private Pages() {
    }

    /** Every page, following {@code nextCursor}, joined into one result. */
    static <P> Mono<P> all(Function<String, Mono<P>> page, Function<P, String> nextCursor,
            Function<List<P>, P> join) {
        return page.apply(null)
                .expand(p -> nextCursor.apply(p) == null ? Mono.empty() : page.apply(nextCursor.apply(p)))
                .collectList()
                .map(join);
    }

    static <P, I> List<I> concat(List<P> pages, Function<P, List<I>> items) {
        List<I> all = new ArrayList<>();
        pages.forEach(p -> all.addAll(items.apply(p)));
        return List.copyOf(all);
    }
}
