import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TherapyType } from './therapy-type.entity';

@Injectable()
export class TherapyTypesService {
  constructor(@InjectRepository(TherapyType) private readonly therapyTypes: Repository<TherapyType>) {}

  listActive(): Promise<TherapyType[]> {
    return this.therapyTypes.find({ where: { active: true }, order: { sortOrder: 'ASC', name: 'ASC' } });
  }
}
