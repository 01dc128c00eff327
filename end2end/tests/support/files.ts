// Real files for upload tests: a valid PDF written here, JPEG photos
// drawn and encoded by the browser itself.
import { Page } from '@playwright/test';

/** The pièces justificatives of the demo's césure centres a candidate
 *  must upload (the Parcoursup capture is conditional). */
export const CESURE_PIECES = [
  "Copie de la pièce d'identité",
  'CURRICULUM VITAE',
  'Fiche de renseignements administratifs',
  'JUSTIFICATIFS DES PROJETS DE CESURE',
  'LETTRE DE MOTIVATION',
];

/** Bytes that start like a PDF (all the upload check looks at), `size` long. */
export function pdf(size = 4000): Buffer {
  const head = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]);
}

/** A small valid one-page PDF showing `text`. */
export function realPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A JPEG photo of `width`×`height` drawn in the page: gradients, and
 *  grain (`grain` 0–255) so that it weighs what a camera's would. */
export async function browserJpeg(page: Page, width: number, height: number, grain: number, quality = 0.92): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ width, height, grain, quality }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d')!;
      const gradient = context.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, '#1d4ed8');
      gradient.addColorStop(1, '#facc15');
      context.fillStyle = gradient;
      context.fillRect(0, 0, width, height);
      if (grain > 0) {
        const image = context.getImageData(0, 0, width, height);
        let seed = 42;
        for (let i = 0; i < image.data.length; i += 4) {
          seed = (seed * 1103515245 + 12345) & 0x7fffffff;
          const n = (seed % (2 * grain)) - grain;
          image.data[i] += n;
          image.data[i + 1] += n;
          image.data[i + 2] += n;
        }
        context.putImageData(image, 0, 0);
      }
      const blob: Blob = await new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', quality));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    { width, height, grain, quality },
  );
  return Buffer.from(base64, 'base64');
}
