package dev.llmsession.discovery.cursor.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one {@code composerData:<id>} value (or a legacy inline composer or chat tab) says about its conversation.
 * Every figure the value does not hold is empty, never 0.
 *
 * @param id             the composer id
 * @param name           the conversation's title
 * @param createdAt      epoch ms
 * @param lastUpdatedAt  epoch ms
 * @param status         {@code none}, {@code generating}, {@code completed}, {@code error}, {@code aborted}, …
 * @param mode           {@code agent}, {@code chat}, {@code plan}, {@code edit}
 * @param model          {@code modelConfig.modelName} ({@code default} means Auto)
 * @param contextUsed    {@code contextTokensUsed}, or {@code promptTokenBreakdown.totalUsedTokens}
 * @param contextLimit   {@code contextTokenLimit}
 * @param generating     a response is streaming ({@code generatingBubbleIds} not empty)
 * @param workspacePath  {@code workspaceIdentifier.uri.fsPath}
 * @param headers        bubble ids and types of the split storage, in conversation order
 * @param inline         bubbles stored inside the value (pre-0.43 composers, legacy chat tabs)
 * @param attachedFiles  paths of files attached to the conversation ({@code context.fileSelections})
 */
public record Composer(String id, Optional<String> name, OptionalLong createdAt, OptionalLong lastUpdatedAt,
        Optional<String> status, Optional<String> mode, Optional<String> model, OptionalLong contextUsed,
        OptionalLong contextLimit, boolean generating, Optional<String> workspacePath, List<Header> headers,
        List<Bubble> inline, List<String> attachedFiles) {
    public Composer {
        Objects.requireNonNull(id, "id");
        headers = List.copyOf(headers);
        inline = List.copyOf(inline);
        attachedFiles = List.copyOf(attachedFiles);
    }

    /** One entry of {@code fullConversationHeadersOnly}: type 1 is the user, 2 the assistant. */
    public record Header(String bubbleId, int type) {
    }
}
