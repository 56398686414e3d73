import type { AppDeps } from '@server/app-deps';
import { readUploadedFile } from '@server/lib/read-upload';
import { requireActor } from '@server/lib/request-context';
import {
  AgencyIdParamsSchema,
  AgencySeriesQuerySchema,
  AgencySeriesSchema,
  AgencyTargetListSchema,
  AgencyTargetSchema,
  EvaluationQuerySchema,
  EvaluationResponseSchema,
  IndicatorCodeParamsSchema,
  IndicatorCreateSchema,
  IndicatorImportResultSchema,
  IndicatorLinkCreateSchema,
  IndicatorListSchema,
  IndicatorSchema,
  IndicatorUpdateSchema,
  IndicatorValueListSchema,
  IndicatorValueSchema,
  IndicatorYearParamsSchema,
  NationalTargetSetSchema,
  RankingQuerySchema,
  RankingSchema,
  RegistrationWindowSchema,
  RegistrationWindowSetSchema,
  TargetChangeListQuerySchema,
  TargetChangeRequestSchema,
  TargetDecisionSchema,
  TargetIdParamsSchema,
  TargetListQuerySchema,
  TargetRegisterSchema,
  ValueBatchResultSchema,
  ValueBatchSchema,
  ValueCorrectionSchema,
  ValueEntrySchema,
  ValueIdParamsSchema,
  ValueListQuerySchema,
  YearSchema,
} from '@shared/contracts/indicators';
import { businessDateOf } from '@shared/lib/vn-format';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EVALUATION_RULES, evaluateIndicators, getAgencySeries } from './evaluate-indicators';
import { importIndicatorFiles } from './import-indicator-files';
import {
  correctValue,
  createIndicator,
  decideTargetChange,
  ensureIndicatorCatalogue,
  enterValue,
  getIndicator,
  getRegistrationWindow,
  linkIndicator,
  listIndicators,
  listTargetChanges,
  listTargets,
  listValues,
  lockRegistration,
  receiveValues,
  registerTarget,
  requestTargetChange,
  setNationalTarget,
  setRegistrationWindow,
  updateIndicator,
} from './indicators.service';

const TAGS = ['indicators'];
const ENTRY_ROLES = ['reporter', 'leader', 'standing-office'] as const;

/** Indicator catalogue, targets, values and evaluation (issue #6). */
export async function registerIndicatorRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // The seed catalogue (the indicators the seed documents name) is there from the first start; tasks are linked
  // when they are imported, so startup does not scan them.
  await ensureIndicatorCatalogue(deps.db, { linkTasks: false });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => businessDateOf(deps.clock.now());

  r.get(
    '/indicators',
    {
      schema: {
        tags: TAGS,
        summary: 'Danh mục chỉ tiêu (kèm chỉ tiêu quốc gia, văn bản và nhiệm vụ liên quan)',
        response: { 200: IndicatorListSchema },
      },
      config: { access: 'authenticated' },
    },
    async () => listIndicators(deps.db),
  );
  r.post(
    '/indicators',
    {
      schema: {
        tags: TAGS,
        summary: 'Thêm chỉ tiêu vào danh mục',
        body: IndicatorCreateSchema,
        response: { 201: IndicatorSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request, reply) =>
      reply.code(201).send(await createIndicator(deps, requireActor(request.actor), request.body)),
  );
  r.get(
    '/indicators/:code',
    {
      schema: {
        tags: TAGS,
        summary: 'Chi tiết chỉ tiêu',
        params: IndicatorCodeParamsSchema,
        response: { 200: IndicatorSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getIndicator(deps.db, request.params.code),
  );
  r.patch(
    '/indicators/:code',
    {
      schema: {
        tags: TAGS,
        summary: 'Sửa thông tin chỉ tiêu',
        params: IndicatorCodeParamsSchema,
        body: IndicatorUpdateSchema,
        response: { 200: IndicatorSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) => updateIndicator(deps, requireActor(request.actor), request.params.code, request.body),
  );
  r.post(
    '/indicators/:code/links',
    {
      schema: {
        tags: TAGS,
        summary: 'Gắn chỉ tiêu với văn bản (số, ký hiệu) hoặc nhiệm vụ',
        params: IndicatorCodeParamsSchema,
        body: IndicatorLinkCreateSchema,
        response: { 200: IndicatorSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) => linkIndicator(deps, requireActor(request.actor), request.params.code, request.body),
  );
  r.put(
    '/indicators/:code/national-targets/:year',
    {
      schema: {
        tags: TAGS,
        summary: 'Đặt chỉ tiêu quốc gia của năm (thay đổi được lưu thành phiên bản mới)',
        params: IndicatorYearParamsSchema,
        body: NationalTargetSetSchema,
        response: { 200: IndicatorSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) =>
      setNationalTarget(deps, requireActor(request.actor), request.params.code, request.params.year, request.body),
  );
  r.get(
    '/indicators/:code/registration/:year',
    {
      schema: {
        tags: TAGS,
        summary: 'Thời hạn đăng ký chỉ tiêu của các cơ quan (mở, chưa mở, đã khóa)',
        params: IndicatorYearParamsSchema,
        response: { 200: RegistrationWindowSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getRegistrationWindow(deps, request.params.code, request.params.year),
  );
  r.put(
    '/indicators/:code/registration/:year',
    {
      schema: {
        tags: TAGS,
        summary: 'Mở thời hạn đăng ký chỉ tiêu',
        params: IndicatorYearParamsSchema,
        body: RegistrationWindowSetSchema,
        response: { 200: RegistrationWindowSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) =>
      setRegistrationWindow(deps, requireActor(request.actor), request.params.code, request.params.year, request.body),
  );
  r.post(
    '/indicators/:code/registration/:year/lock',
    {
      schema: {
        tags: TAGS,
        summary: 'Khóa đăng ký chỉ tiêu (sau đó điều chỉnh cần Cơ quan thường trực phê duyệt)',
        params: IndicatorYearParamsSchema,
        response: { 200: RegistrationWindowSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) => lockRegistration(deps, requireActor(request.actor), request.params.code, request.params.year),
  );
  r.get(
    '/indicators/:code/targets',
    {
      schema: {
        tags: TAGS,
        summary: 'Chỉ tiêu đã đăng ký của các cơ quan (history=true: mọi phiên bản)',
        params: IndicatorCodeParamsSchema,
        querystring: TargetListQuerySchema,
        response: { 200: AgencyTargetListSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listTargets(deps.db, request.params.code, request.query),
  );
  r.post(
    '/indicators/:code/targets',
    {
      schema: {
        tags: TAGS,
        summary: 'Cơ quan đăng ký chỉ tiêu của kỳ (trong thời hạn đăng ký)',
        params: IndicatorCodeParamsSchema,
        body: TargetRegisterSchema,
        response: { 201: AgencyTargetSchema },
      },
      config: { access: [...ENTRY_ROLES] },
    },
    async (request, reply) =>
      reply.code(201).send(await registerTarget(deps, requireActor(request.actor), request.params.code, request.body)),
  );
  r.post(
    '/indicators/:code/target-changes',
    {
      schema: {
        tags: TAGS,
        summary: 'Đề nghị điều chỉnh chỉ tiêu sau khi khóa (chờ Cơ quan thường trực phê duyệt)',
        params: IndicatorCodeParamsSchema,
        body: TargetChangeRequestSchema,
        response: { 201: AgencyTargetSchema },
      },
      config: { access: [...ENTRY_ROLES] },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await requestTargetChange(deps, requireActor(request.actor), request.params.code, request.body)),
  );
  r.get(
    '/indicator-target-changes',
    {
      schema: {
        tags: TAGS,
        summary: 'Đề nghị điều chỉnh chỉ tiêu (mặc định: đang chờ duyệt); cơ quan chỉ thấy đề nghị của mình',
        querystring: TargetChangeListQuerySchema,
        response: { 200: AgencyTargetListSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listTargetChanges(deps.db, requireActor(request.actor), request.query),
  );
  r.post(
    '/indicator-target-changes/:targetId/approve',
    {
      schema: {
        tags: TAGS,
        summary: 'Phê duyệt đề nghị điều chỉnh chỉ tiêu',
        params: TargetIdParamsSchema,
        body: TargetDecisionSchema,
        response: { 200: AgencyTargetSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) =>
      decideTargetChange(deps, requireActor(request.actor), request.params.targetId, {
        approve: true,
        note: request.body.note,
      }),
  );
  r.post(
    '/indicator-target-changes/:targetId/reject',
    {
      schema: {
        tags: TAGS,
        summary: 'Từ chối đề nghị điều chỉnh chỉ tiêu',
        params: TargetIdParamsSchema,
        body: TargetDecisionSchema,
        response: { 200: AgencyTargetSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) =>
      decideTargetChange(deps, requireActor(request.actor), request.params.targetId, {
        approve: false,
        note: request.body.note,
      }),
  );
  r.get(
    '/indicators/:code/values',
    {
      schema: {
        tags: TAGS,
        summary: 'Số liệu đã báo cáo (history=true: mọi phiên bản đính chính)',
        params: IndicatorCodeParamsSchema,
        querystring: ValueListQuerySchema,
        response: { 200: IndicatorValueListSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listValues(deps.db, request.params.code, request.query),
  );
  r.post(
    '/indicators/:code/values',
    {
      schema: {
        tags: TAGS,
        summary:
          'Cơ quan nhập số liệu của kỳ (tỷ lệ: tử số và mẫu số); chưa đạt chỉ tiêu phải nêu nguyên nhân, giải pháp',
        params: IndicatorCodeParamsSchema,
        body: ValueEntrySchema,
        response: { 201: IndicatorValueSchema },
      },
      config: { access: [...ENTRY_ROLES] },
    },
    async (request, reply) =>
      reply.code(201).send(await enterValue(deps, requireActor(request.actor), request.params.code, request.body)),
  );
  r.post(
    '/indicator-values/:valueId/corrections',
    {
      schema: {
        tags: TAGS,
        summary: 'Đính chính số liệu (phiên bản mới; phiên bản cũ được giữ lại)',
        params: ValueIdParamsSchema,
        body: ValueCorrectionSchema,
        response: { 201: IndicatorValueSchema },
      },
      config: { access: [...ENTRY_ROLES] },
    },
    async (request, reply) =>
      reply.code(201).send(await correctValue(deps, requireActor(request.actor), request.params.valueId, request.body)),
  );
  r.post(
    '/indicator-values/batch',
    {
      schema: {
        tags: TAGS,
        summary:
          'Nhận số liệu chỉ tiêu từ hệ thống khác (theo mã cơ quan hoặc tên cơ quan; gửi lại không tạo bản trùng)',
        body: ValueBatchSchema,
        response: { 200: ValueBatchResultSchema },
      },
      config: { access: 'standing-office', rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (request) => receiveValues(deps, requireActor(request.actor), request.body),
  );
  r.post(
    '/indicator-imports',
    {
      schema: {
        tags: TAGS,
        summary: 'Nhập bảng chỉ tiêu theo mẫu Phụ lục 03 (.xlsx, .docx, .txt); dryRun=true để xem trước',
        consumes: ['multipart/form-data'],
        querystring: z.object({
          dryRun: z.stringbool().default(false),
          indicator: z.string().optional(),
          year: YearSchema.optional(),
        }),
        response: { 200: IndicatorImportResultSchema },
      },
      config: { access: 'standing-office', rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const upload = await readUploadedFile(request, {
        missingMessage: 'Chưa chọn tệp để nhập.',
        defaultName: 'chi-tieu.xlsx',
      });
      return importIndicatorFiles(deps, [upload], {
        dryRun: request.query.dryRun,
        actor,
        options: {
          ...(request.query.indicator ? { indicatorCode: request.query.indicator } : {}),
          ...(request.query.year ? { year: request.query.year } : {}),
        },
      });
    },
  );
  r.get(
    '/indicator-evaluation',
    {
      schema: {
        tags: TAGS,
        summary:
          'Đánh giá theo kỳ: đạt / chưa đạt / chưa đăng ký chỉ tiêu / chưa có số liệu, khoảng cách, xếp hạng, tổng hợp theo khối',
        querystring: EvaluationQuerySchema,
        response: { 200: EvaluationResponseSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => evaluateIndicators(deps.db, request.query, { today: today() }),
  );
  r.get(
    '/indicator-evaluation/ranking',
    {
      schema: {
        tags: TAGS,
        summary: 'Xếp hạng các cơ quan theo kết quả của một chỉ tiêu trong kỳ (theo khối)',
        querystring: RankingQuerySchema,
        response: { 200: RankingSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => {
      const result = await evaluateIndicators(deps.db, request.query, { today: today() });
      const items = result.rows
        .filter((row) => row.rank !== null)
        .sort((a, b) => a.bloc.localeCompare(b.bloc) || (a.rank ?? 0) - (b.rank ?? 0));
      return { indicatorCode: request.query.indicator, period: result.period, items };
    },
  );
  r.get(
    '/indicator-evaluation/agencies/:agencyId',
    {
      schema: {
        tags: TAGS,
        summary: 'Chỉ tiêu và kết quả của một cơ quan qua các kỳ trong năm (biểu đồ)',
        params: AgencyIdParamsSchema,
        querystring: AgencySeriesQuerySchema,
        response: { 200: AgencySeriesSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getAgencySeries(deps.db, request.params.agencyId, request.query),
  );
  r.get(
    '/indicator-rules',
    {
      schema: {
        tags: TAGS,
        summary: 'Quy tắc đánh giá, tổng hợp và gộp chỉ tiêu khi sắp xếp cơ quan',
        response: { 200: z.object({ comparison: z.string(), aggregation: z.string(), targetCombination: z.string() }) },
      },
      config: { access: 'authenticated' },
    },
    async () => EVALUATION_RULES,
  );
}
