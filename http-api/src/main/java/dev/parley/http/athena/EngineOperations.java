package dev.parley.http.athena;

import dev.parley.actors.shared.EngineVersions;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.Cursor;
import dev.parley.persistence.Page;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.pekko.http.javadsl.server.Route;
import software.amazon.awssdk.services.athena.model.ApplicationDPUSizes;
import software.amazon.awssdk.services.athena.model.ListApplicationDpuSizesRequest;
import software.amazon.awssdk.services.athena.model.ListApplicationDpuSizesResponse;
import software.amazon.awssdk.services.athena.model.ListEngineVersionsRequest;
import software.amazon.awssdk.services.athena.model.ListEngineVersionsResponse;

/** What engines Parley offers: the engine versions a work group can select, and the DPU sizes of a session. */
final class EngineOperations {

    /** The application runtime sessions run on, as the seed names it, and the one DPU size its coordinator has. */
    static final ApplicationDPUSizes DPU_SIZES = ApplicationDPUSizes.builder()
            .applicationRuntimeId("Jupyter 1.0")
            .supportedDPUSizes(1)
            .build();

    private final Answers answers;

    EngineOperations(Answers answers) {
        this.answers = answers;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve("ListEngineVersions", ListEngineVersionsRequest::builder, this::listEngineVersions)
                .serve(
                        "ListApplicationDPUSizes",
                        ListApplicationDpuSizesRequest::builder,
                        this::listApplicationDpuSizes);
    }

    private Route listEngineVersions(String account, ListEngineVersionsRequest request) {
        Answers.PageRequest page =
                AthenaErrors.pageRequest(answers, "ListEngineVersions", request.maxResults(), request.nextToken());
        List<Integer> positions =
                IntStream.range(0, EngineVersions.ALL.size()).boxed().toList();
        return answers.page(
                page,
                CompletableFuture.completedFuture(
                        Page.of(positions, page.after(), page.maxResults(), position -> new Cursor(position, ""))),
                position -> {
                    EngineVersions.Version version = EngineVersions.ALL.get(position);
                    return AthenaOutputs.engineVersion(version.selected(), version.effective());
                },
                (items, next) -> ListEngineVersionsResponse.builder()
                        .engineVersions(items)
                        .nextToken(next)
                        .build());
    }

    private Route listApplicationDpuSizes(String account, ListApplicationDpuSizesRequest request) {
        Answers.PageRequest page =
                AthenaErrors.pageRequest(answers, "ListApplicationDPUSizes", request.maxResults(), request.nextToken());
        return answers.page(
                page,
                CompletableFuture.completedFuture(
                        Page.of(List.of(DPU_SIZES), page.after(), page.maxResults(), sizes -> new Cursor(0, ""))),
                sizes -> sizes,
                (items, next) -> ListApplicationDpuSizesResponse.builder()
                        .applicationDPUSizes(items)
                        .nextToken(next)
                        .build());
    }
}
