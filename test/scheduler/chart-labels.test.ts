import { describe, expect, it } from 'vitest'
import { fitLine, shortenings, textWidth, unitLabel } from '../../src/scheduler/chart.js'

describe('unit names in the digest chart', () => {
  it('keeps a name that fits whole, on one line in the normal size', () => {
    expect(unitLabel('Kecamatan Kadia', 300)).toEqual({ lines: ['Kecamatan Kadia'], size: 12 })
  })

  it('breaks a long name between words onto two smaller lines before shortening any word', () => {
    const name = 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'
    const label = unitLabel(name, 340)
    expect(label.size).toBeLessThan(12)
    expect(label.lines).toHaveLength(2)
    expect(label.lines.join(' ')).toBe(name)
    for (const l of label.lines) expect(textWidth(l, label.size)).toBeLessThanOrEqual(340)
  })

  it('shortens the long words offices shorten, one kind at a time, only as far as needed', () => {
    expect(shortenings('Unit Pelaksana Teknis Daerah Pusat Kesehatan Masyarakat Kecamatan Kadia')).toEqual([
      'Unit Pelaksana Teknis Daerah Pusat Kesehatan Masyarakat Kecamatan Kadia',
      'UPTD Pusat Kesehatan Masyarakat Kecamatan Kadia',
      'UPTD Puskesmas Kecamatan Kadia',
      'UPTD Puskesmas Kec. Kadia',
    ])
    const label = unitLabel('Unit Pelaksana Teknis Daerah Pusat Kesehatan Masyarakat Kecamatan Kadia Kota Kendari', 200)
    expect(label.lines.join(' ')).toMatch(/^UPTD /)
    expect(label.lines.join(' ')).not.toContain('…')
  })

  it('cuts only after a whole word, marked, when nothing else fits', () => {
    expect(fitLine('Sekretariat Dewan Perwakilan Rakyat Daerah', 150, 12)).toMatch(/^[\w ]+[a-z]…$/)
    expect(fitLine('Sekretariat Dewan Perwakilan Rakyat Daerah', 150, 12).slice(0, -1).split(' ').every((w) => 'Sekretariat Dewan Perwakilan Rakyat Daerah'.split(' ').includes(w))).toBe(true)
    expect(textWidth(fitLine('Sekretariat Dewan Perwakilan Rakyat Daerah', 150, 12), 12)).toBeLessThanOrEqual(150)
  })
})
