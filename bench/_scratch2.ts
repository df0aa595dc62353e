import { buildReportModel } from '../activities/report/model';
import { renderDocx } from '../activities/report/docx';
import { renderHtml } from '../activities/report/html';
import { renderMarkdown } from '../activities/report/markdown';
import { buildReportInput } from '../test/fixtures/report/build-input';
for (const chars of [undefined, 30000]) {
  const input = buildReportInput({ narrativeChars: chars, deliverables: chars ? 200 : undefined });
  for (let i = 0; i < 2; i++) {
    let t = performance.now();
    const m = buildReportModel(input); const tm = performance.now() - t; t = performance.now();
    const d = await renderDocx(m); const td = performance.now() - t; t = performance.now();
    renderHtml(m); const th = performance.now() - t; t = performance.now();
    renderMarkdown(m); const tmd = performance.now() - t;
    console.log(chars, { tm, td, th, tmd, size: d.length, rss: process.memoryUsage().rss / 1e6 });
  }
}
