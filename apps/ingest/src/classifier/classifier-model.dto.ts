import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const FIGURES = {
  type: 'object',
  additionalProperties: true,
  nullable: true,
  description: 'per set (heldOut, independent, reviews): n, microF1, macroF1, severityExact and perTheme {f1, precision, recall, support}',
} as const;

export class ClassifierModelDto {
  @ApiProperty({ example: 'clf-1.5.0+r3fa9c2d41b07', description: 'the code version, then `+r` and the start of the parameters’ sha256 for a retrained model' }) version: string;
  @ApiProperty({ example: 'clf-1.5.0', description: 'the classifier code that runs it' }) codeVersion: string;
  @ApiProperty({ description: 'the model shipped with the release (no stored artefact)' }) builtIn: boolean;
  @ApiProperty({ enum: ['candidate', 'active', 'retired'] }) status: string;
  @ApiProperty({ description: 'why it has its status: the gate’s decision (set, theme, change) or the operator’s reason' }) reason: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'corpus, reviewsTrained, reviewsHeldOut, corpusHeldOut, independent, comparedWith' }) training: Record<string, unknown>;
  @ApiProperty(FIGURES) evaluation: Record<string, unknown> | null;
  @ApiProperty({ ...FIGURES, description: 'the model active when this one was judged, on the same sets' }) activeEvaluation: Record<string, unknown> | null;
  @ApiProperty({ nullable: true }) artefactSha256: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) statusChangedAt: Date;
}

export class ClassifierRegistryDto {
  @ApiProperty({ type: ClassifierModelDto, nullable: true, description: 'the model every worker runs (within CLASSIFIER_POLL_SECONDS of its activation)' }) active: ClassifierModelDto | null;
  @ApiProperty({ type: [ClassifierModelDto], description: 'newest first' }) candidates: ClassifierModelDto[];
  @ApiProperty({ type: [ClassifierModelDto], description: 'newest first' }) retired: ClassifierModelDto[];
}

export class ClassifierStatusChangeDto {
  @ApiPropertyOptional({ maxLength: 500, example: 'reviewed the figures; the reviews set gain outweighs the held-out dip' }) reason?: string;
}
