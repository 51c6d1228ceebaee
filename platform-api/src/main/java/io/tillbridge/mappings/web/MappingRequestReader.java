package io.tillbridge.mappings.web;

import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.mappings.FieldSuggestionRequest;
import io.tillbridge.mappings.MappingPreviewRequest;
import io.tillbridge.mappings.MappingRequestJson;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Binds the JSON bodies of the mapping endpoints to their typed requests by the mappings' own JSON
 * form ({@link MappingRequestJson}) rather than the general serializer: a spec refuses unknown
 * properties, keeps numbers exact and answers 422 with the path of the field that does not parse,
 * as the API always has.
 */
abstract class MappingRequestReader<T> implements MessageBodyReader<T> {

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream)
            throws CodecException {
        Charset charset = mediaType == null ? StandardCharsets.UTF_8 : mediaType.getCharset().orElse(StandardCharsets.UTF_8);
        try {
            return read(new String(inputStream.readAllBytes(), charset));
        } catch (IOException e) {
            throw new CodecException("The request body could not be read", e);
        }
    }

    abstract T read(String json);

    /** The body of {@code createMappingVersion}. */
    @Singleton
    @Consumes(MediaType.APPLICATION_JSON)
    static class Spec extends MappingRequestReader<MappingSpec> {
        @Override
        MappingSpec read(String json) {
            return MappingRequestJson.spec(json);
        }
    }

    /** The body of {@code previewMapping}. */
    @Singleton
    @Consumes(MediaType.APPLICATION_JSON)
    static class Preview extends MappingRequestReader<MappingPreviewRequest> {
        @Override
        MappingPreviewRequest read(String json) {
            return MappingRequestJson.preview(json);
        }
    }

    /** The body of {@code suggestMappingFields}. */
    @Singleton
    @Consumes(MediaType.APPLICATION_JSON)
    static class Suggestion extends MappingRequestReader<FieldSuggestionRequest> {
        @Override
        FieldSuggestionRequest read(String json) {
            return MappingRequestJson.suggestion(json);
        }
    }
}
